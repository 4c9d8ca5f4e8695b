// Preloaded into a benchmarked process (node --require): reports its peak RSS on stderr at exit.
process.on('exit', () => process.stderr.write(`\nmaxrss-kb=${process.resourceUsage().maxRSS}\n`));
