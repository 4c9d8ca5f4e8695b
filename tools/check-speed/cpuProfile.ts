// A CPU profile of this process between start and stop, written to a .cpuprofile file (sampled every 100 µs).
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';

/** Starts profiling when `file` is given; the returned function stops and writes the profile (a no-op without a file). */
export async function startCpuProfile(file: string | undefined): Promise<() => Promise<void>> {
  if (!file) return async () => undefined;
  const session = new Session();
  const post = (method: string, params?: object) =>
    new Promise<any>((resolve, reject) => session.post(method, params ?? {}, (e, res) => (e ? reject(e) : resolve(res))));
  session.connect();
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 100 });
  await post('Profiler.start');
  return async () => {
    writeFileSync(file, JSON.stringify((await post('Profiler.stop')).profile));
    session.disconnect();
  };
}
