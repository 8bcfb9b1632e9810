export * from './core';
export * from './people';
export * from './curriculum';
export * from './journal';
export * from './security';
export * from './timetable';
export * from './reports';
export * from './control';
