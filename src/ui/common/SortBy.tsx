import { ChoiceSelect } from './ChoiceSelect.tsx';

/** "Sort by" under a list's header, once the list has two rows to order (listOrder.ts). */
export function SortBy<O extends string>({
  orders,
  order,
  onChange,
  rows,
}: {
  orders: Record<O, string>;
  order: O;
  onChange: (order: O) => void;
  /** How many rows the list has; undefined while it loads. */
  rows: number | undefined;
}) {
  if (rows === undefined || rows < 2) return null;
  return (
    <ChoiceSelect
      label="Sort by"
      className="order-select"
      choices={orders}
      value={order}
      onChange={onChange}
    />
  );
}
