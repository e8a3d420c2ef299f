/**
 * Runs once when the Next.js server starts. Node-only modules load behind the runtime check,
 * which Next inlines per runtime (the edge bundle never sees them).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startServerServices } = await import('./server/lifecycle');
  await startServerServices();
}
