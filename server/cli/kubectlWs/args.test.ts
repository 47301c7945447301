import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from './args.js';

describe('kubectl-ws arguments', () => {
  it.each([
    [[], 'use', []],
    [['team'], 'use', ['team']],
    [['-'], 'use', ['-']],
    [['..'], 'use', ['..']],
    [[':root:a'], 'use', [':root:a']],
    [['~'], 'use', ['~']],
    [['.'], 'current', []],
    [['use', 'x'], 'use', ['x']],
    [['cd', '-'], 'use', ['-']],
    [['use', '.'], 'use', ['.']],
    [['current'], 'current', []],
    [['tree'], 'tree', []],
    [['create', 'org1'], 'create', ['org1']],
    [['create-context'], 'create-context', []],
    [['create-context', 'mine'], 'create-context', ['mine']],
    [['--', '-'], 'use', ['-']],
  ])('%j is %s %j', (argv, command, args) => {
    const p = parseArgs(argv as string[]);
    expect(p.command).toBe(command);
    expect(p.args).toEqual(args);
  });

  it('takes kubectl connection flags anywhere, in every form kubectl passes them', () => {
    const p = parseArgs(['--kubeconfig', '/x/y', 'use', '--context=ctx', 'team', '-v=6', '--server', 'https://h:1', '--insecure-skip-tls-verify']);
    expect(p.command).toBe('use');
    expect(p.args).toEqual(['team']);
    expect(p.connection).toEqual({ kubeconfig: '/x/y', context: 'ctx', server: 'https://h:1', insecureSkipTlsVerify: true });
    expect(p.verbosity).toBe(6);
    expect(parseArgs(['-v', '8']).verbosity).toBe(8);
    expect(parseArgs(['-v4']).verbosity).toBe(4);
    expect(parseArgs(['--v=3']).verbosity).toBe(3);
    expect(parseArgs(['-s', 'https://a', '.']).connection.server).toBe('https://a');
    expect(parseArgs(['--request-timeout', '30s']).connection.requestTimeoutMs).toBe(30_000);
    expect(parseArgs(['--insecure-skip-tls-verify=false']).connection.insecureSkipTlsVerify).toBe(false);
  });

  it('parses the command flags', () => {
    const c = parseArgs(['create', 'team1', '--type', 'root:team', '--enter', '--ignore-existing']);
    expect(c.command).toBe('create');
    expect(c.args).toEqual(['team1']);
    expect(c.flags).toMatchObject({ type: 'root:team', enter: true, ignoreExisting: true });
    expect(parseArgs(['create', '--type=organization', 'o']).flags.type).toBe('organization');
    expect(parseArgs(['current', '--short']).flags.short).toBe(true);
    expect(parseArgs(['.', '--short'])).toMatchObject({ command: 'current', flags: { short: true } });
    expect(parseArgs(['create-context', 'x', '--overwrite']).flags.overwrite).toBe(true);
    expect(parseArgs(['tree', '-f']).flags.full).toBe(true);
    expect(parseArgs(['create', 'x', '--create-context', 'ctx']).flags.createContext).toBe('ctx');
  });

  it('shows help', () => {
    expect(parseArgs(['--help']).command).toBe('help');
    expect(parseArgs(['-h']).command).toBe('help');
    expect(parseArgs(['create', '--help'])).toMatchObject({ command: 'help', helpFor: 'create' });
    expect(parseArgs(['help', 'tree'])).toMatchObject({ command: 'help', helpFor: 'tree' });
  });

  it.each([
    [['--bogus'], /unknown flag: --bogus/],
    [['-x'], /unknown shorthand flag: 'x'/],
    [['--type', 'x', 'team'], /unknown flag: --type/],
    [['tree', '--enter'], /unknown flag: --enter/],
    [['a', 'b'], /at most 1 argument/],
    [['use'], /exactly 1 argument/],
    [['create'], /exactly 1 argument/],
    [['current', 'x'], /takes no arguments/],
    [['--kubeconfig'], /flag needs an argument/],
    [['-v=high'], /a number is expected/],
    [['-i'], /interactive/],
  ])('rejects %j', (argv, msg) => {
    expect(() => parseArgs(argv as string[])).toThrow(UsageError);
    expect(() => parseArgs(argv as string[])).toThrow(msg);
  });
});
