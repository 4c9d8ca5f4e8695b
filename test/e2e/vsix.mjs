export async function runVsixCheck() { throw new Error('todo'); }
