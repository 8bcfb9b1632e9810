import type { ReactNode } from 'react';
import { QueryForm } from '../query-form';

/** The period of the region's view: opens /region/indicators with it in the address. */
export function RegionFilter({ children }: { children: ReactNode }) {
  return (
    <QueryForm path="/region/indicators" fields={['period']} label="Параметры показателей">
      {children}
    </QueryForm>
  );
}
