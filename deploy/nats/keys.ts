// Prints a fresh NKEY pair per NATS user as deploy/.env lines (or for a Kubernetes Secret):
//
//   npm run nats-keys -w deploy >> deploy/.env
//
// NATS_NKEY_<USER> (public) goes to the NATS server, NATS_NKEY_SEED_<USER> (secret) to the one
// client that signs in as that user, nowhere else.
import { natsUserNames } from '@chp/contracts';
import { nkeys } from '@nats-io/transport-node';
import { nkeyVariable, seedVariable } from './config';

for (const user of natsUserNames) {
  const pair = nkeys.createUser();
  console.log(`${nkeyVariable(user)}=${pair.getPublicKey()}`);
  console.log(`${seedVariable(user)}=${new TextDecoder().decode(pair.getSeed())}`);
}
