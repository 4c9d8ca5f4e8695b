// Preloaded into a benchmarked process (node --require): reports its peak RSS and the CPU time of all
// its threads (user + system, ms) on stderr at exit.
process.on('exit', () => {
  const u = process.resourceUsage();
  process.stderr.write(`\nmaxrss-kb=${u.maxRSS} cpu-ms=${Math.round((u.userCPUTime + u.systemCPUTime) / 1000)}\n`);
});
