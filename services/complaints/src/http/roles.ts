import type { CommandBody, HttpCommandType } from '@chp/contracts';
import { HttpProblem, type Role, type Actor as TokenActor } from '@chp/platform';

/** Who may send agent commands. */
export const commandRoles: readonly Role[] = ['agent', 'supervisor'];
/** Who may revoke the customer links of a resolution (a mail sent astray): not agents alone. */
export const revokeLinkRoles: readonly Role[] = ['supervisor', 'admin'];

/** Who may erase a customer's personal data (GDPR art. 17) or place a legal hold: admins only. */
export const erasureRoles: readonly Role[] = ['admin'];

/** Erasure and legal holds: admins only. */
export const isPrivacyCommand = (type: HttpCommandType): boolean =>
  type === 'EraseCustomerData' || type === 'PlaceLegalHold' || type === 'LiftLegalHold';

/** The roles a command's route requires. */
export const rolesOfCommand = (type: HttpCommandType): readonly Role[] =>
  type === 'RevokeCustomerLinks' ? revokeLinkRoles : isPrivacyCommand(type) ? erasureRoles : commandRoles;

/** Who may read complaints and their audit trail (services: intake's status page). */
export const readRoles: readonly Role[] = ['agent', 'supervisor', 'admin', 'service'];
/** Who may read the internal event feed (projections rebuilding, operators). */
export const feedRoles: readonly Role[] = ['service', 'admin'];

/**
 * Why a command needs a supervisor, or undefined when an agent may send it. Decisions an agent
 * cannot take back alone: refusing a complaint (dismissed), folding it into another (duplicate),
 * and taking it to the top of the ladder (level 3).
 */
export function supervisorReason(
  type: HttpCommandType,
  body: CommandBody<HttpCommandType>,
): string | undefined {
  if (type === 'CloseComplaint') {
    const { reason } = body as CommandBody<'CloseComplaint'>;
    if (reason === 'dismissed') return 'Dismissing a complaint';
    if (reason === 'duplicate') return 'Closing a complaint as a duplicate';
  }
  if (type === 'EscalateComplaint' && (body as CommandBody<'EscalateComplaint'>).level === 3) {
    return 'Escalating to level 3';
  }
  return undefined;
}

/** The actor of a command: acting as supervisor when the command needs it (403 without the role). */
export function commandActor(
  actor: TokenActor,
  type: HttpCommandType,
  body: CommandBody<HttpCommandType>,
): { id: string; role: 'agent' | 'supervisor' | 'admin' } {
  if (isPrivacyCommand(type)) return { id: actor.id, role: 'admin' };
  // The route already required supervisor or admin; the event names the role acted in.
  if (type === 'RevokeCustomerLinks') {
    return { id: actor.id, role: actor.roles.includes('supervisor') ? 'supervisor' : 'admin' };
  }
  const reason = supervisorReason(type, body);
  if (reason !== undefined) {
    if (!actor.roles.includes('supervisor')) {
      throw new HttpProblem({
        status: 403,
        kind: 'forbidden',
        title: 'Forbidden',
        detail: `${reason} needs the supervisor role; the token has ${actor.roles.join(', ')}`,
      });
    }
    return { id: actor.id, role: 'supervisor' };
  }
  return { id: actor.id, role: actor.role === 'supervisor' ? 'supervisor' : 'agent' };
}
