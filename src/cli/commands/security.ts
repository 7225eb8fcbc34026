import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { Command } from 'commander';
import { z } from 'zod';
import { loadConfig } from '../../config.ts';
import { UserError } from '../../domain/errors.ts';
import { startServer } from '../../server/index.ts';
import { hashPassword } from '../../server/passwords.ts';
import { MINIMUM_PASSWORD_LENGTH } from '../../server/schemas.ts';
import { rotateKeyFile, rotateRecordKeys } from '../../server/services/key-rotation.ts';
import { openStore } from '../../store/index.ts';
import { appendAuditIn, verifyAuditChain } from '../../store/repositories/audit.ts';
import { createOrganisation, findOrganisationByName } from '../../store/repositories/organisations.ts';
import { createAgreement, SHARING_LEVELS, type SharingLevel } from '../../store/repositories/sharing.ts';
import { findSourceByName } from '../../store/repositories/sources.ts';
import { createUser, isRole, ROLES } from '../../store/repositories/users.ts';
import { commandLineActor, withStore } from '../context.ts';
import { createProgress, printJson } from '../output.ts';

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

/** The password from stdin: typed without echo at a terminal, or the first line of a pipe. */
async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) {
    process.stderr.write('password: ');
    const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
    const prompt = createInterface({ input: process.stdin, output: muted, terminal: true });
    const line = await new Promise<string>((resolve) => prompt.once('line', resolve));
    prompt.close();
    process.stderr.write('\n');
    return line;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}

async function requireOrganisation(db: Parameters<typeof findOrganisationByName>[0], name: string) {
  const organisation = await findOrganisationByName(db, name);
  if (!organisation)
    throw new UserError(
      `organisation "${name}" does not exist; add it with: siren org add "${name}"`,
      'not_found',
    );
  return organisation;
}

/** `siren serve`, `siren org add`, `siren user add`, `siren keys rotate`, `siren audit verify`, `siren sharing add`. */
export function registerSecurityCommands(program: Command): void {
  program
    .command('serve')
    .description(
      'start the HTTP API and web app alone (PORT, HOST, SIREN_DATA, DATABASE_URL as for npm start)',
    )
    .action(async () => {
      const config = loadConfig();
      const store = await openStore(config, (message) =>
        process.stderr.write(`siren: warning: ${message}\n`),
      );
      const { address } = await startServer(store, config);
      process.stderr.write(`siren: serving on ${address} (${store.database.kind}); Ctrl-C stops\n`);
    });

  program
    .command('org')
    .description('organisations')
    .command('add')
    .description('add an organisation')
    .argument('<name>', 'its name')
    .option('--json', 'print the organisation as JSON')
    .action(async (name: string, options: { json?: boolean }) => {
      if (!name.trim()) throw new UserError('an organisation needs a name', 'invalid_input');
      const organisation = await withStore(({ database }) =>
        database.transaction(async (transaction) => {
          if (await findOrganisationByName(transaction, name))
            throw new UserError(`organisation "${name}" exists already`, 'conflict');
          const made = await createOrganisation(transaction, name);
          await appendAuditIn(transaction, {
            actor: commandLineActor(),
            action: 'organisation.create',
            targetType: 'organisation',
            targetId: String(made.id),
            details: { name },
            organisationId: made.id,
          });
          return made;
        }),
      );
      if (options.json) return printJson({ id: Number(organisation.id), name: organisation.name });
      process.stdout.write(`added organisation ${organisation.name} (id ${organisation.id})\n`);
    });

  program
    .command('user')
    .description('user accounts')
    .command('add')
    .description('add a user; the password is read from stdin (typed without echo at a terminal)')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .requiredOption('--org <organisation>', 'organisation the user belongs to')
    .option('--site <site>', 'sentinel site (required for field researchers)')
    .option('--json', 'print the user as JSON')
    .addHelpText(
      'after',
      `\nExample: printf '%s\\n' "$PASSWORD" | siren user add --email a@b.org --role analyst --org "My NGO"`,
    )
    .action(async (options: { email: string; role: string; org: string; site?: string; json?: boolean }) => {
      if (!z.email().safeParse(options.email).success)
        throw new UserError(`--email: "${options.email}" is not an email address`, 'invalid_input');
      if (!isRole(options.role))
        throw new UserError(
          `--role: "${options.role}" is not a role (roles: ${ROLES.join(', ')})`,
          'invalid_input',
        );
      if (options.role === 'field_researcher' && !options.site)
        throw new UserError('--site is required for a field researcher', 'invalid_input');
      const role = options.role;
      const password = await readPassword();
      if (password.length < MINIMUM_PASSWORD_LENGTH)
        throw new UserError(
          `the password read from stdin is too short: at least ${MINIMUM_PASSWORD_LENGTH} characters`,
          'invalid_input',
        );
      const passwordHash = await hashPassword(password);
      const user = await withStore(async ({ database }) => {
        try {
          return await database.transaction(async (transaction) => {
            const organisation = await requireOrganisation(transaction, options.org);
            const made = await createUser(transaction, {
              email: options.email,
              passwordHash,
              role,
              organisationId: organisation.id,
              site: options.site ?? null,
            });
            await appendAuditIn(transaction, {
              actor: commandLineActor(),
              action: 'user.create',
              targetType: 'user',
              targetId: String(made.id),
              details: { email: made.email, role: made.role, site: made.site },
              organisationId: organisation.id,
            });
            return made;
          });
        } catch (error) {
          if (isUniqueViolation(error))
            throw new UserError(`a user with email ${options.email} exists already`, 'conflict');
          throw error;
        }
      });
      const view = {
        id: Number(user.id),
        email: user.email,
        role: user.role,
        organisation: user.organisation,
        site: user.site,
      };
      if (options.json) return printJson(view);
      process.stdout.write(`added ${view.role} ${view.email} to ${view.organisation}\n`);
    });

  program
    .command('keys')
    .description('encryption keys of personal fields')
    .command('rotate')
    .description(
      're-encrypt every personal field and recompute blind indexes and pseudonyms under a new key, without loss',
    )
    .option('--json', 'print the report as JSON')
    .option('--quiet', 'no progress bar')
    .addHelpText(
      'after',
      `
With SIREN_KEY set: SIREN_KEY is the new key and SIREN_PREVIOUS_KEYS must hold the old one(s); records
under an old key are re-encrypted. Without SIREN_KEY (the embedded demo): a new key is generated into the
data folder's siren.key and the old one is kept in siren.previous-keys. Interrupted? Run it again.`,
    )
    .action(async (options: { json?: boolean; quiet?: boolean }) => {
      const config = loadConfig();
      const keyFile = config.encryptionKeyHex ? undefined : rotateKeyFile(config.dataDirectory);
      const report = await withStore(async ({ database, cipher }) => {
        const progress = createProgress('re-encrypting', 1, options);
        try {
          return await rotateRecordKeys(database, cipher, {
            actor: commandLineActor(),
            onProgress: (done, total) => progress.update(done, total),
          });
        } finally {
          progress.stop();
        }
      });
      const result = {
        ...report,
        keyFile: keyFile ? 'generated' : 'SIREN_KEY',
        previousKeyId: keyFile?.previousKeyId,
      };
      if (options.json) return printJson(result);
      process.stdout.write(
        `re-encrypted ${report.records} records and ${report.blindIndexes} blind indexes under key ${report.keyId}\n`,
      );
      if (keyFile)
        process.stdout.write(
          `the new key is in ${config.dataDirectory}/siren.key; the old one is kept in siren.previous-keys\n`,
        );
    });

  program
    .command('audit')
    .description('the audit log')
    .command('verify')
    .description(
      'check the audit log hash chain; exit code 3 names the first entry that was changed or removed',
    )
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      const result = await withStore(({ database }) => verifyAuditChain(database));
      if (options.json) printJson(result);
      else if (result.ok) process.stdout.write(`audit log intact: ${result.entries} entries verified\n`);
      if (!result.ok && result.firstBad)
        throw new UserError(
          `audit log tampered: entry ${result.firstBad.id} (${result.firstBad.at}, ${result.firstBad.action}): ${result.firstBad.reason}; ${result.entries} entries before it verify`,
          'invalid_input',
        );
    });

  program
    .command('sharing')
    .description('data-sharing agreements between organisations')
    .command('add')
    .description("let a partner organisation see an owner organisation's data (one source or all) at a level")
    .requiredOption('--owner <organisation>', 'the organisation whose data is shared')
    .requiredOption('--partner <organisation>', 'the organisation that may see it')
    .option('--source <name>', 'one source of the owner (default: all its sources)')
    .requiredOption('--level <level>', `${SHARING_LEVELS.join(' | ')}`)
    .option('--json', 'print the agreement as JSON')
    .action(
      async (options: { owner: string; partner: string; source?: string; level: string; json?: boolean }) => {
        if (!(SHARING_LEVELS as readonly string[]).includes(options.level))
          throw new UserError(
            `--level: "${options.level}" is not one of ${SHARING_LEVELS.join(', ')}`,
            'invalid_input',
          );
        const agreement = await withStore(({ database }) =>
          database.transaction(async (transaction) => {
            const owner = await requireOrganisation(transaction, options.owner);
            const partner = await requireOrganisation(transaction, options.partner);
            if (Number(owner.id) === Number(partner.id))
              throw new UserError('an organisation cannot share with itself', 'invalid_input');
            let sourceId: number | null = null;
            if (options.source !== undefined) {
              const source = await findSourceByName(transaction, options.source);
              if (!source || Number(source.organisationId) !== Number(owner.id))
                throw new UserError(`${owner.name} has no source "${options.source}"`, 'not_found');
              sourceId = source.id;
            }
            const made = await createAgreement(transaction, {
              ownerOrganisationId: owner.id,
              partnerOrganisationId: partner.id,
              sourceId,
              level: options.level as SharingLevel,
            });
            await appendAuditIn(transaction, {
              actor: commandLineActor(),
              action: 'sharing.create',
              targetType: 'sharing_agreement',
              targetId: String(made.id),
              details: { owner: made.owner, partner: made.partner, source: made.source, level: made.level },
              organisationId: owner.id,
            });
            return made;
          }),
        );
        const view = {
          id: Number(agreement.id),
          owner: agreement.owner,
          partner: agreement.partner,
          source: agreement.source,
          level: agreement.level,
        };
        if (options.json) return printJson(view);
        process.stdout.write(
          `${view.owner} shares ${view.source ?? 'all its sources'} with ${view.partner} at level ${view.level}\n`,
        );
      },
    );
}
