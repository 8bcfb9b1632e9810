'use client';

import { useEffect, useState } from 'react';
import { todayIn } from '@/domain/dates';

const CHECK_MS = 30_000;

/**
 * The college's «today» (`yyyy-mm-dd` in its IANA zone), starting from the server's value so that the first render
 * matches the server's HTML, and moving on at the college's midnight while the page stays open — whatever zone the
 * browser itself is in.
 */
export function useCollegeToday(timeZone: string, initial: string): string {
  const [today, setToday] = useState(initial);
  useEffect(() => {
    const check = () => setToday(todayIn(timeZone));
    check();
    const timer = setInterval(check, CHECK_MS);
    document.addEventListener('visibilitychange', check);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', check);
    };
  }, [timeZone]);
  return today;
}
