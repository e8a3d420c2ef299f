export const CLIENT_ADDRESS_HEADER: string;
export function compileTrust(value: string | undefined): (address: string, hop: number) => boolean;
export function clientAddressOf(
  req: {
    socket: { remoteAddress?: string };
    headers: Record<string, string | string[] | undefined>;
  },
  trust: (address: string, hop: number) => boolean,
): string;
