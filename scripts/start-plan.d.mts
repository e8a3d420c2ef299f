export function isLoopbackHost(host: string): boolean;
export function startPlan(env: Record<string, string | undefined>): {
  host: string;
  port: string;
  embedded: boolean;
  seedDemo: boolean;
  notices: string[];
};
