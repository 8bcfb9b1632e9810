import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../../db/client';
import { checkCredentials } from '../../auth/sign-in';
import { loadActor } from '../../policy/actor';
import { createInstitutionWithAdmin } from './bootstrap';

describe('first administrator of a real installation', () => {
  it('creates the college and an administrator who can sign in; refuses weak input in Russian', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ezh-boot-'));
    const database = await openDatabase({ dataDir: path.join(dir, 'pglite') });
    try {
      const input = {
        fullName: 'ГБПОУ «Новый колледж»',
        shortName: 'Новый колледж',
        login: 'Ivanova.MP',
        password: 'очень-длинный-пароль',
        lastName: 'Иванова',
        firstName: 'Мария',
      };
      await expect(createInstitutionWithAdmin(database.db, { ...input, password: 'short' })).rejects.toThrow(
        'Пароль: не короче 10 символов',
      );
      const result = await createInstitutionWithAdmin(database.db, input);
      const signIn = await checkCredentials(database.db, 'ivanova.mp', 'очень-длинный-пароль', null);
      expect(signIn).toMatchObject({ ok: true, userId: result.adminUserId });
      const actor = await loadActor(database.db, result.adminUserId);
      expect(actor?.grants).toEqual([
        { role: 'admin', institutionId: result.institutionId, departmentId: null, groupId: null },
      ]);
      await expect(createInstitutionWithAdmin(database.db, input)).rejects.toThrow('Логин «ivanova.mp» уже занят');
    } finally {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
