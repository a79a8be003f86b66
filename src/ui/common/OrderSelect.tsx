import { useId } from 'react';

/** "Sort by" above a list: the orders it offers, by their names. */
export function OrderSelect<O extends string>({
  orders,
  order,
  onChange,
}: {
  orders: Record<O, string>;
  order: O;
  onChange: (order: O) => void;
}) {
  const id = useId();
  return (
    <div className="order-select">
      <label htmlFor={id}>Sort by</label>
      <select
        id={id}
        value={order}
        // The options are exactly the keys of `orders`.
        onChange={(event) => onChange(event.target.value as O)}
      >
        {(Object.entries(orders) as [O, string][]).map(([value, name]) => (
          <option key={value} value={value}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}
