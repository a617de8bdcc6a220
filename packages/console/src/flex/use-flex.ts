/** The Flex pages' server state through the SDK: order and device pages, one order (by filtering on its id: the API has no GET of one order), one device. */
import { unwrap } from '@consumo/sdk';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.js';
import { isNotFound } from '../api/errors.js';
import { isUuid } from '../inventory/formats.js';
import type { ListState } from '../inventory/list-state.js';
import { useInventoryPage } from '../inventory/use-inventory-page.js';

export function useOrderPage(state: ListState) {
  return useInventoryPage('flex-orders', state, async (query, signal) => unwrap(await api.GET('/flex/v1beta1/orders', { params: { query }, signal })));
}

export function useDevicePage(state: ListState) {
  return useInventoryPage('flex-devices', state, async (query, signal) => unwrap(await api.GET('/flex/v1beta1/devices', { params: { query }, signal })));
}

/** One order, or null when no order of the workspace has that id. */
export function useOrder(id: string | undefined) {
  return useQuery({
    queryKey: ['inventory', 'flex-orders', 'one', id],
    enabled: isUuid(id),
    queryFn: async ({ signal }) => {
      const page = unwrap(await api.GET('/flex/v1beta1/orders', { params: { query: { filter: `id eq '${id!}'`, limit: 1 } }, signal }));
      return page.items[0] ?? null;
    },
  });
}

/** One device by its resource id. */
export function useDevice(resourceId: string | undefined) {
  return useQuery({
    queryKey: ['inventory', 'flex-devices', 'one', resourceId],
    enabled: isUuid(resourceId),
    queryFn: async ({ signal }) => unwrap(await api.GET('/flex/v1beta1/devices/{id}', { params: { path: { id: resourceId! } }, signal })),
    retry: (count, error) => count < 2 && !isNotFound(error),
  });
}
