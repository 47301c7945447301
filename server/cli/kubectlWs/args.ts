// Argument parsing for kubectl-ws. kubectl hands a plugin its arguments verbatim, so the plugin
// parses kubectl's connection flags itself (--kubeconfig, --context, --server, -v=6 ...), wherever
// they appear, next to its own (--short, --type, --enter ...).

export type Command = 'use' | 'current' | 'tree' | 'create' | 'create-context' | 'help';

/** Connection flags as kubectl has them. */
export interface ConnectionFlags {
  kubeconfig?: string;
  context?: string;
  cluster?: string;
  user?: string;
  server?: string;
  token?: string;
  certificateAuthority?: string;
  clientCertificate?: string;
  clientKey?: string;
  tlsServerName?: string;
  insecureSkipTlsVerify?: boolean;
  /** --request-timeout in milliseconds (0: none). */
  requestTimeoutMs?: number;
}

export interface CommandFlags {
  short: boolean;
  enter: boolean;
  ignoreExisting: boolean;
  overwrite: boolean;
  full: boolean;
  type?: string;
  createContext?: string;
}

export interface ParsedArgs {
  command: Command;
  /** Positional arguments after the command word ("use", "create" ...), or the target of `kubectl ws <target>`. */
  args: string[];
  flags: CommandFlags;
  connection: ConnectionFlags;
  verbosity: number;
  /** The subcommand the help is for when command is "help". */
  helpFor?: Command;
}

export class UsageError extends Error {}

interface FlagSpec {
  long: string;
  short?: string;
  value: boolean;
  /** Commands the flag belongs to; undefined: every command (connection and global flags). */
  commands?: Command[];
  apply(p: ParsedArgs, v: string | undefined): void;
}

function bool(v: string | undefined, flag: string): boolean {
  if (v === undefined || v === 'true') return true;
  if (v === 'false') return false;
  throw new UsageError(`invalid argument "${v}" for "--${flag}" flag: expected true or false`);
}

function duration(v: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(v);
  if (!m) throw new UsageError(`invalid argument "${v}" for "--request-timeout" flag: a duration such as 30s`);
  const n = Number(m[1]);
  const unit = m[2] ?? 's';
  return Math.round(n * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit]!);
}

const FLAGS: FlagSpec[] = [
  { long: 'kubeconfig', value: true, apply: (p, v) => (p.connection.kubeconfig = v) },
  { long: 'context', value: true, apply: (p, v) => (p.connection.context = v) },
  { long: 'cluster', value: true, apply: (p, v) => (p.connection.cluster = v) },
  { long: 'user', value: true, apply: (p, v) => (p.connection.user = v) },
  { long: 'server', short: 's', value: true, apply: (p, v) => (p.connection.server = v) },
  { long: 'token', value: true, apply: (p, v) => (p.connection.token = v) },
  { long: 'certificate-authority', value: true, apply: (p, v) => (p.connection.certificateAuthority = v) },
  { long: 'client-certificate', value: true, apply: (p, v) => (p.connection.clientCertificate = v) },
  { long: 'client-key', value: true, apply: (p, v) => (p.connection.clientKey = v) },
  { long: 'tls-server-name', value: true, apply: (p, v) => (p.connection.tlsServerName = v) },
  { long: 'insecure-skip-tls-verify', value: false, apply: (p, v) => (p.connection.insecureSkipTlsVerify = bool(v, 'insecure-skip-tls-verify')) },
  { long: 'request-timeout', value: true, apply: (p, v) => (p.connection.requestTimeoutMs = duration(v!)) },
  {
    long: 'v',
    short: 'v',
    value: true,
    apply: (p, v) => {
      if (!/^\d+$/.test(v!)) throw new UsageError(`invalid argument "${v}" for "-v, --v" flag: a number is expected`);
      p.verbosity = Number(v);
    },
  },
  { long: 'help', short: 'h', value: false, apply: (p) => (p.command = 'help') },
  { long: 'short', value: false, commands: ['use', 'current'], apply: (p, v) => (p.flags.short = bool(v, 'short')) },
  { long: 'enter', value: false, commands: ['create'], apply: (p, v) => (p.flags.enter = bool(v, 'enter')) },
  { long: 'ignore-existing', value: false, commands: ['create'], apply: (p, v) => (p.flags.ignoreExisting = bool(v, 'ignore-existing')) },
  { long: 'type', value: true, commands: ['create'], apply: (p, v) => (p.flags.type = v) },
  { long: 'create-context', value: true, commands: ['create'], apply: (p, v) => (p.flags.createContext = v) },
  { long: 'overwrite', value: false, commands: ['create-context'], apply: (p, v) => (p.flags.overwrite = bool(v, 'overwrite')) },
  { long: 'full', short: 'f', value: false, commands: ['tree'], apply: (p, v) => (p.flags.full = bool(v, 'full')) },
  {
    long: 'interactive',
    short: 'i',
    value: false,
    apply: () => {
      throw new UsageError("the interactive tree browser (-i) is not supported; use 'kubectl ws tree'");
    },
  },
];

const SUBCOMMANDS: Record<string, Command> = {
  use: 'use',
  cd: 'use',
  current: 'current',
  tree: 'tree',
  create: 'create',
  'create-context': 'create-context',
  help: 'help',
};

/** The positional argument counts each command takes: [min, max]. */
const ARITY: Record<Command, [number, number]> = {
  use: [1, 1],
  current: [0, 0],
  tree: [0, 0],
  create: [1, 1],
  'create-context': [0, 1],
  help: [0, 1],
};

/** Parses the plugin's arguments (without node and the script). */
export function parseArgs(argv: string[]): ParsedArgs {
  const p: ParsedArgs = {
    command: 'use',
    args: [],
    flags: { short: false, enter: false, ignoreExisting: false, overwrite: false, full: false },
    connection: {},
    verbosity: 0,
  };
  const positional: string[] = [];
  const used: { spec: FlagSpec; name: string; value: string | undefined }[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a === '-' || !a.startsWith('-')) {
      positional.push(a);
      continue;
    }
    let spec: FlagSpec | undefined;
    let value: string | undefined;
    let name: string;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      if (eq >= 0) value = a.slice(eq + 1);
      spec = FLAGS.find((f) => f.long === name);
      if (!spec) throw new UsageError(`unknown flag: --${name}`);
    } else {
      name = a[1];
      spec = FLAGS.find((f) => f.short === name);
      if (!spec) throw new UsageError(`unknown shorthand flag: '${name}' in ${a}`);
      const rest = a.slice(2);
      if (rest.startsWith('=')) value = rest.slice(1);
      else if (rest !== '') {
        if (!spec.value) throw new UsageError(`unknown shorthand flag: '${rest[0]}' in ${a}`);
        value = rest;
      }
    }
    if (spec.value && value === undefined) {
      if (i + 1 >= argv.length) throw new UsageError(`flag needs an argument: ${a}`);
      value = argv[++i];
    }
    used.push({ spec, name, value });
  }

  const sub = positional.length > 0 ? SUBCOMMANDS[positional[0]] : undefined;
  let command: Command = sub ?? 'use';
  let args = sub ? positional.slice(1) : positional;
  for (const u of used) {
    if (u.spec.commands && !u.spec.commands.includes(command)) {
      throw new UsageError(`unknown flag: --${u.spec.long}${command === 'use' ? '' : ` (for 'kubectl ws ${command}')`}`);
    }
    u.spec.apply(p, u.value);
  }
  if (p.command === 'help') {
    p.helpFor = command === 'help' ? (args[0] ? SUBCOMMANDS[args[0]] : undefined) : sub;
    p.args = [];
    return p;
  }
  if (command === 'help') {
    p.command = 'help';
    p.helpFor = args[0] ? SUBCOMMANDS[args[0]] : undefined;
    return p;
  }
  // `kubectl ws` without a subcommand takes zero or one target; `kubectl ws use` exactly one.
  const [min, max] = sub ? ARITY[command] : [0, 1];
  if (args.length < min || args.length > max) {
    const what = sub ? `'kubectl ws ${positional[0]}'` : "'kubectl ws'";
    throw new UsageError(
      max === 0 ? `${what} takes no arguments, got ${args.length}` : min === max ? `${what} takes exactly ${min} argument${min === 1 ? '' : 's'}, got ${args.length}` : `${what} takes at most ${max} argument${max === 1 ? '' : 's'}, got ${args.length}`,
    );
  }
  // `kubectl ws .` is `kubectl ws current`.
  if (!sub && args[0] === '.') {
    command = 'current';
    args = [];
  }
  p.command = command;
  p.args = args;
  return p;
}

export const HELP: Record<Command | 'root', string> = {
  root: `Manages kplane workspaces (kcp-style).

Usage:
  kubectl ws [<workspace>|..|.|-|~|:|<:root:absolute:workspace>] [--short]
  kubectl ws use <workspace>          (alias: cd)
  kubectl ws current [--short]
  kubectl ws tree [-f|--full]
  kubectl ws create <name> [--type <type>] [--enter] [--ignore-existing] [--create-context <name>]
  kubectl ws create-context [<name>] [--overwrite]

Examples:
  # shows the workspace you are currently using
  kubectl ws .

  # enter a given workspace (changes the current context of your kubeconfig)
  kubectl ws use my-workspace
  kubectl ws my-workspace

  # enter a given absolute workspace
  kubectl ws :root:org:my-workspace

  # enter the root workspace
  kubectl ws :

  # enter a relative workspace, the parent, the grand parent
  kubectl ws some:nested:workspace
  kubectl ws ..
  kubectl ws ..:..

  # go back to the previous workspace
  kubectl ws -

  # go to your home workspace (or a workspace below it)
  kubectl ws
  kubectl ws '~'
  kubectl ws '~:projects'

  # print the workspaces below the current one
  kubectl ws tree

  # create a workspace and immediately enter it
  kubectl ws create my-workspace --type organization --enter

  # create a context for the current workspace, named after its path or as given
  kubectl ws create-context
  kubectl ws create-context my-context

Connection flags (as kubectl's): --kubeconfig, --context, --cluster, --user, --server/-s, --token,
  --certificate-authority, --client-certificate, --client-key, --tls-server-name,
  --insecure-skip-tls-verify, --request-timeout, -v/--v <level> (6 logs every request).
`,
  use: `Uses the given workspace as the current workspace. "-" means the previous workspace, ".." the
parent, "." the current one, "~" the home workspace, ":" the root workspace.

Usage:
  kubectl ws use <workspace>|..|.|-|~|<:root:absolute:workspace>|<relative:workspace> [--short]
`,
  current: `Prints the current workspace. Same as 'kubectl ws .'.

Usage:
  kubectl ws current [--short]

Flags:
  --short   print only the workspace path, e.g. for a shell prompt
`,
  tree: `Prints the workspaces below the current workspace as a tree.

Usage:
  kubectl ws tree [-f|--full]

Flags:
  -f, --full   show full workspace paths
`,
  create: `Creates a workspace in the current workspace and waits (up to a minute) until it is ready.

Usage:
  kubectl ws create <name> [--type <type>] [--enter] [--ignore-existing] [--create-context <name>]

Flags:
  --type <type>            the workspace type ("organization", "root:team"); by default the parent's default child type
  --enter                  enter the workspace once it is ready
  --ignore-existing        succeed if the workspace already exists (with the same type)
  --create-context <name>  add a kubeconfig context for the new workspace
`,
  'create-context': `Creates a kubeconfig context (and cluster) for the current workspace and switches to it.

Usage:
  kubectl ws create-context [<name>] [--overwrite]

Flags:
  --overwrite   update the context if it already exists
`,
  help: '',
};
