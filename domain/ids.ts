import { z } from 'zod';

/** A record's id as procedures and forms receive it: a positive integer (PostgreSQL `integer` identity). */
export const idSchema = z.number().int().positive();
