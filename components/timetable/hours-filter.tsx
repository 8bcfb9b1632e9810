import type { ReactNode } from 'react';
import { QueryForm } from '../query-form';

/** The parameters of hours delivered: opens /hours with them in the address. */
export function HoursFilter({ children }: { children: ReactNode }) {
  return (
    <QueryForm path="/hours" fields={['by', 'termId', 'from', 'to']} label="Параметры отчёта">
      {children}
    </QueryForm>
  );
}
