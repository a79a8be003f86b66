import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal <dialog>, open while mounted: focus stays inside, Escape closes it (`onClose`), and
 * screen readers announce it by its heading (`labelledBy`). The caller decides where focus
 * goes once it is gone.
 */
export function ModalDialog({
  labelledBy,
  className,
  onClose,
  children,
}: {
  labelledBy: string;
  className?: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      className={className ? `modal ${className}` : 'modal'}
      aria-labelledby={labelledBy}
      onClose={onClose}
    >
      {children}
    </dialog>
  );
}
