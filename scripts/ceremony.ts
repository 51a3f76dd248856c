/**
 * Multi-party phase-2 (Groth16) trusted-setup ceremony for the transaction
 * circuits. docs/ceremony.md says who runs what.
 *
 *   npm run ceremony -- init --ptau FILE [--circuits tx1,tx2,tx8] [--unlisted-ptau]
 *   npm run ceremony -- contribute --name NAME [--in 0000 --out 0001]
 *   npm run ceremony -- verify [--ptau FILE] [--recompile]
 *   npm run ceremony -- beacon --hash HEX --iterations N
 *   npm run ceremony -- export [--out DIR2]
 *   npm run ceremony -- install --from DIR2 (--to DIR3 | --repo) [--fill-development]
 *
 * Every command but install takes --dir DIR (default ceremony/), which holds state.json.
 */
import { Command } from 'commander'
import { beacon } from './ceremony/beacon.js'
import { DEFAULT_CIRCUITS } from './ceremony/circuits.js'
import { contribute } from './ceremony/contribute.js'
import { CeremonyError } from './ceremony/errors.js'
import { exportCeremony } from './ceremony/export.js'
import { init } from './ceremony/init.js'
import { install } from './ceremony/install.js'
import { verify } from './ceremony/verify.js'

const DEFAULT_DIR = 'ceremony'

// snarkjs leaves some file handles to the garbage collector; Node's warnings about that are noise.
process.removeAllListeners('warning')
process.on('warning', (w) => {
  if (w.name === 'DeprecationWarning' || /file descriptor/i.test(w.message)) return
  process.stderr.write(`${w.name}: ${w.message}\n`)
})

function run<T extends unknown[]>(action: (...args: T) => Promise<number | undefined>) {
  return async (...args: T) => {
    let code = 0
    try {
      code = (await action(...args)) ?? 0
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).replace(
        /\s*\n\s*/g,
        ' ',
      )
      process.stderr.write(`ceremony: ${message}\n`)
      code = error instanceof CeremonyError ? error.exitCode : 1
    }
    // snarkjs keeps worker threads alive: leave explicitly.
    process.exit(code)
  }
}

function withCommon(command: Command): Command {
  return command
    .option('--dir <dir>', 'the ceremony directory (holds state.json)', DEFAULT_DIR)
    .option('-v, --verbose', "show snarkjs's progress")
}

const collect = (value: string, previous: string[]) => [...previous, value]

const program = new Command('ceremony')
  .description('multi-party phase-2 trusted setup for the zkpay circuits (see docs/ceremony.md)')
  .showHelpAfterError()

withCommon(program.command('init'))
  .description('check the phase-1 file, compile the circuits, write the initial zkeys (set 0000)')
  .requiredOption('--ptau <file>', 'phase-1 file prepared for phase 2 (.ptau)')
  .option(
    '--circuits <list>',
    `circuits in circuits/, comma-separated (default ${DEFAULT_CIRCUITS})`,
  )
  .option('--circuit-file <path>', 'a main .circom file instead (repeatable)', collect, [])
  .option('--unlisted-ptau', 'accept a phase-1 file whose hash is not on the published list')
  .action(
    run(async (o: Record<string, unknown>) => {
      await init({
        dir: o.dir as string,
        ptau: o.ptau as string,
        circuits: o.circuits as string | undefined,
        circuitFiles: o.circuitFile as string[],
        unlistedPtau: Boolean(o.unlistedPtau),
        verbose: Boolean(o.verbose),
      })
      return 0
    }),
  )

withCommon(program.command('contribute'))
  .description("add your contribution to every circuit's latest zkey")
  .requiredOption('--name <name>', 'your name or handle, written into the zkeys')
  .option('--in <set>', 'zkey set to start from (default: the latest)')
  .option('--out <set>', 'zkey set to write (default: the next number)')
  .action(
    run(async (o: Record<string, unknown>) => {
      await contribute({
        dir: o.dir as string,
        name: o.name as string,
        in: o.in as string | undefined,
        out: o.out as string | undefined,
        verbose: Boolean(o.verbose),
      })
      return 0
    }),
  )

withCommon(program.command('verify'))
  .description('verify the whole chain from the phase-1 file and the r1cs; list every contribution')
  .option('--ptau <file>', 'the phase-1 file, if not where state.json says')
  .option('--recompile', 'compile the circuit sources again and compare with the ceremony r1cs')
  .option('--skip-ptau-verify', 'check only the phase-1 file hash, not its contributions')
  .option('--export <dir>', 'also check this export directory (default DIR/export if present)')
  .action(
    run(async (o: Record<string, unknown>) => {
      const result = await verify({
        dir: o.dir as string,
        ptau: o.ptau as string | undefined,
        recompile: Boolean(o.recompile),
        skipPtauVerify: Boolean(o.skipPtauVerify),
        export: o.export as string | undefined,
        verbose: Boolean(o.verbose),
      })
      return result.ok ? 0 : 1
    }),
  )

withCommon(program.command('beacon'))
  .description('close the ceremony with a public random value announced in advance')
  .requiredOption('--hash <hex>', 'the beacon value, e.g. a block hash')
  .requiredOption('--iterations <n>', 'hash iterations exponent: 2^n (10 to 63)')
  .option('--name <name>', 'name written into the zkeys', 'final beacon')
  .option('--in <set>', 'zkey set to start from (default: the latest)')
  .option('--out <set>', 'zkey set to write', 'final')
  .action(
    run(async (o: Record<string, unknown>) => {
      await beacon({
        dir: o.dir as string,
        hash: o.hash as string,
        iterations: o.iterations as string,
        name: o.name as string,
        in: o.in as string | undefined,
        out: o.out as string | undefined,
        verbose: Boolean(o.verbose),
      })
      return 0
    }),
  )

withCommon(program.command('export'))
  .description('write the final zkeys, verification keys, verifiers, wasm, transcript and manifest')
  .option('--out <dir>', 'output directory (default DIR/export)')
  .option('--without-beacon', 'export even though no beacon closed the ceremony')
  .action(
    run(async (o: Record<string, unknown>) => {
      await exportCeremony({
        dir: o.dir as string,
        out: o.out as string | undefined,
        withoutBeacon: Boolean(o.withoutBeacon),
        verbose: Boolean(o.verbose),
      })
      return 0
    }),
  )

program
  .command('install')
  .description('make a circuits directory (the shape of public/circuits) from an export')
  .requiredOption('--from <dir>', 'the export directory (what export wrote)')
  .option('--to <dir>', 'write everything into this directory (for --circuits DIR elsewhere)')
  .option('--repo', 'write into public/circuits and contracts/generated, to commit')
  .option(
    '--fill-development',
    'take circuits the ceremony did not cover from the development setup (counts as development keys)',
  )
  .action(
    run(async (o: Record<string, unknown>) => {
      await install({
        from: o.from as string,
        to: o.to as string | undefined,
        repo: Boolean(o.repo),
        fillDevelopment: Boolean(o.fillDevelopment),
      })
      return 0
    }),
  )

await program.parseAsync(process.argv)
