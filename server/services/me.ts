import { ROLE_LABELS } from '../../domain/roles';
import { rolesOf, type Actor } from '../policy/actor';

/** The signed-in user as `me.get` answers it: name, position, roles with their Russian labels. */
export function meOf(actor: Actor) {
  return {
    userId: actor.userId,
    login: actor.login,
    name: { lastName: actor.lastName, firstName: actor.firstName, middleName: actor.middleName },
    position: actor.position,
    roles: rolesOf(actor).map((role) => ({ role, label: ROLE_LABELS[role] })),
    mustChangePassword: actor.mustChangePassword,
  };
}
