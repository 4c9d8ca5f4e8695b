export async function runVisualCheck() { throw new Error('todo'); }
