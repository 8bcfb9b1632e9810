/** The director's order on a form: the date it takes effect, its number and date (fields effectiveOn, orderNo, orderDate). */
export function OrderFields({ effective = 'С даты' }: { effective?: string }) {
  return (
    <div className="form-row">
      <label>
        {effective}
        <input type="date" name="effectiveOn" />
      </label>
      <label>
        Приказ №
        <input type="text" name="orderNo" />
      </label>
      <label>
        от
        <input type="date" name="orderDate" />
      </label>
    </div>
  );
}
