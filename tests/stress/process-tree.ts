import { readdirSync, readFileSync } from 'node:fs';

/*
 * The engine host is a child the CLI forks (src-main/engine/client.ts); the kill campaign finds it by its
 * parent pid. Read from /proc (Linux) rather than `ps`, which minimal CI images may lack.
 */

interface ProcessInfo {
  pid: number;
  ppid: number;
  state: string;
  command: string;
}

function processInfo(pid: number): ProcessInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name sits in parentheses and may hold spaces; the fields after it are fixed.
    const [state = '', ppid = ''] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    return { pid, ppid: Number(ppid), state, command };
  } catch {
    return null; // it ended meanwhile
  }
}

/** Whether process ids can be read here (the engine-kill half of the campaign needs it). */
export function canListProcesses(): boolean {
  try {
    return readdirSync('/proc').some((entry) => /^\d+$/.test(entry));
  } catch {
    return false;
  }
}

/** Live engine hosts (not zombies) whose parent is `parent`. */
export function engineChildren(parent: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((entry) => processInfo(Number(entry)))
    .filter((info): info is ProcessInfo => info !== null && info.ppid === parent && info.state !== 'Z')
    .filter((info) => info.command.includes('engine-host'))
    .map((info) => info.pid);
}

/** Running (not a zombie waiting to be reaped). */
export function isRunning(pid: number): boolean {
  const info = processInfo(pid);
  return info !== null && info.state !== 'Z';
}
