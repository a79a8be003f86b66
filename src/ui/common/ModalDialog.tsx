import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal <dialog>, open while mounted: focus stays inside, Escape closes it (`onClose`), and
 * screen readers announce it by its heading (`labelledBy`). The caller decides where focus
 * goes once it is gone.
 *
 * `closeOnOutsideTap`: a tap on the dimmed page around it closes it too, for sheets and
 * forms a person may open by mistake; not for a decision that must be made on purpose.
 * The content sits in a padded box that fills the dialog, so only a tap on the backdrop
 * itself reaches the <dialog> element as its target.
 */
export function ModalDialog({
  labelledBy,
  className,
  onClose,
  closeOnOutsideTap = false,
  children,
}: {
  labelledBy: string;
  className?: string;
  onClose: () => void;
  closeOnOutsideTap?: boolean;
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
      onClick={(event) => {
        if (closeOnOutsideTap && event.target === event.currentTarget) event.currentTarget.close();
      }}
    >
      <div className="modal-body">{children}</div>
    </dialog>
  );
}
