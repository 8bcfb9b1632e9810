'use client';

import { RUSSIAN_TIME_ZONES } from '@/domain/dates';

/**
 * The college's time zone: «today», the 3-day rule, «future lesson» and every time shown are counted in it. Russia's
 * zones by city; a zone set outside the list (by the regional administrator's API) is kept as an option of its own.
 */
export function TimeZoneSelect({
  name = 'timeZone',
  value,
  onChange,
  label = 'Часовой пояс',
  hideLabel = false,
}: {
  name?: string;
  value: string;
  onChange?: (zone: string) => void;
  label?: string;
  /** In a table row: the label is read by screen readers only. */
  hideLabel?: boolean;
}) {
  const known = RUSSIAN_TIME_ZONES.some((z) => z.zone === value);
  return (
    <label>
      {!hideLabel && label}
      <select
        name={name}
        aria-label={hideLabel ? label : undefined}
        value={onChange ? value : undefined}
        defaultValue={onChange ? undefined : value}
        onChange={onChange ? (e) => onChange(e.target.value) : undefined}
      >
        {!known && <option value={value}>{value}</option>}
        {RUSSIAN_TIME_ZONES.map((z) => (
          <option key={z.zone} value={z.zone}>
            {z.label}
          </option>
        ))}
      </select>
    </label>
  );
}
