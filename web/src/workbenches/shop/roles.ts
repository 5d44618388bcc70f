import { useMe } from '../../auth/use-me.ts';

// What the signed-in shop user may do here, as the server's permissions say (platform/access.ts):
// buyers (and the shop's admin) place and cancel orders; receivers, buyers and admins sign for
// deliveries, send returns back and mark parts installed. The server decides; this only hides
// buttons that would be refused.
export function useShopRights() {
  const me = useMe();
  const roles = me.data?.user?.roles ?? [];
  const has = (...r: string[]) => roles.some((x) => r.includes(x));
  return {
    me: me.data,
    mayOrder: has('buyer', 'admin'),
    mayCancel: has('buyer', 'admin'),
    mayReceive: has('receiver', 'buyer', 'admin'),
  };
}
