/** `consumo flex orders|devices|device`: read the Flex Solutions API of a running server. */
import type { Command } from 'commander';
import { unwrap } from '@consumo/sdk';
import { connect } from '../connection.js';
import { printJson, printTable } from '../output.js';

interface ListOpts {
  filter?: string;
  sort?: string;
  limit?: string;
  offset?: string;
  json?: boolean;
}

const listOptions = (command: Command) =>
  command
    .option('--filter <expr>', "e.g. \"make eq 'HPE'\"")
    .option('--sort <list>', "e.g. 'serialNumber desc'")
    .option('--limit <n>', 'items per page (0..100)')
    .option('--offset <n>', 'items to skip')
    .option('--json', 'print the whole page as JSON');

const query = (o: ListOpts) => ({
  ...(o.filter !== undefined && { filter: o.filter }),
  ...(o.sort !== undefined && { sort: o.sort }),
  ...(o.limit !== undefined && { limit: Number(o.limit) }),
  ...(o.offset !== undefined && { offset: Number(o.offset) }),
});

export function registerFlexCommands(program: Command): void {
  const flex = program.command('flex').description('Flex Solutions: orders and devices');
  listOptions(flex.command('orders')).action(async (o: ListOpts) => {
    const page = unwrap(await connect().GET('/flex/v1beta1/orders', { params: { query: query(o) } }));
    if (o.json) return printJson(page);
    printTable(page.items, ['id', 'sowId', 'billingAccountId', 'customerName', 'partnerName', 'orderEndDate']);
    console.log(`${page.count} of ${page.total}`);
  });
  listOptions(flex.command('devices')).action(async (o: ListOpts) => {
    const page = unwrap(await connect().GET('/flex/v1beta1/devices', { params: { query: query(o) } }));
    if (o.json) return printJson(page);
    printTable(page.items, ['resourceId', 'serialNumber', 'deviceType', 'make', 'model', 'billingTier']);
    console.log(`${page.count} of ${page.total}`);
  });
  flex.command('device <resourceId>').action(async (id: string) => {
    printJson(unwrap(await connect().GET('/flex/v1beta1/devices/{id}', { params: { path: { id } } })));
  });
}
