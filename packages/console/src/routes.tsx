/** Pages: sign-in outside the layout, everything else inside it and behind a session. */
import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { RequireSession } from './auth/require-session.js';
import { SignInPage } from './auth/sign-in-page.js';
import { AppLayout } from './layout/app-layout.js';
import { HomeRedirect } from './layout/home-redirect.js';
import { RequirePermission } from './auth/require-permission.js';

// The explorer and its charts load only when opened (ECharts stays out of the first load).
const CostExplorerPage = lazy(() => import('./costs/cost-explorer-page.js'));
const BudgetsPage = lazy(() => import('./budgets/budgets-page.js'));
const OrdersPage = lazy(() => import('./flex/orders-page.js'));
const OrderDetailPage = lazy(() => import('./flex/order-detail-page.js'));
const DevicesPage = lazy(() => import('./flex/devices-page.js'));
const DeviceDetailPage = lazy(() => import('./flex/device-detail-page.js'));
const SubscriptionsPage = lazy(() => import('./subscriptions/subscriptions-page.js'));
const SubscriptionDetailPage = lazy(() => import('./subscriptions/subscription-detail-page.js'));
const WorkspacesPage = lazy(() => import('./admin/workspaces-page.js'));
const ApiClientsPage = lazy(() => import('./admin/api-clients-page.js'));
const UsersPage = lazy(() => import('./admin/users-page.js'));
const RolesPage = lazy(() => import('./admin/roles-page.js'));
const ExportsPage = lazy(() => import('./exports/exports-page.js'));
const ExportDetailPage = lazy(() => import('./exports/export-detail-page.js'));
const MeteringPage = lazy(() => import('./metering/metering-page.js'));

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route element={<RequireSession />}>
        <Route element={<AppLayout />}>
          <Route index element={<HomeRedirect />} />
          <Route element={<RequirePermission permission="metering.costs.view" />}>
            <Route path="costs" element={<CostExplorerPage />} />
          </Route>
          <Route element={<RequirePermission permission="budgets.view" />}>
            <Route path="budgets" element={<BudgetsPage />} />
          </Route>
          <Route element={<RequirePermission permission="flex.orders.view" />}>
            <Route path="flex/orders" element={<OrdersPage />} />
            <Route path="flex/orders/:id" element={<OrderDetailPage />} />
          </Route>
          <Route element={<RequirePermission permission="flex.devices.view" />}>
            <Route path="flex/devices" element={<DevicesPage />} />
            <Route path="flex/devices/:resourceId" element={<DeviceDetailPage />} />
          </Route>
          <Route element={<RequirePermission permission="subscriptions.view" />}>
            <Route path="subscriptions" element={<SubscriptionsPage />} />
            <Route path="subscriptions/:id" element={<SubscriptionDetailPage />} />
          </Route>
          <Route element={<RequirePermission permission="workspace.view" />}>
            <Route path="admin/workspaces" element={<WorkspacesPage />} />
          </Route>
          <Route element={<RequirePermission permission="workspace.clients.manage" />}>
            <Route path="admin/api-clients" element={<ApiClientsPage />} />
          </Route>
          <Route element={<RequirePermission permission="workspace.users.manage" />}>
            <Route path="admin/users" element={<UsersPage />} />
          </Route>
          <Route element={<RequirePermission permission="platform.roles.view" />}>
            <Route path="admin/roles" element={<RolesPage />} />
          </Route>
          <Route element={<RequirePermission permission="exports.view" />}>
            <Route path="exports" element={<ExportsPage />} />
            <Route path="exports/:id" element={<ExportDetailPage />} />
          </Route>
          <Route element={<RequirePermission permission="metering.catalog.view" />}>
            <Route path="metering" element={<MeteringPage />} />
          </Route>
          <Route path="*" element={<Navigate to="/" replace />} />
        </Route>
      </Route>
    </Routes>
  );
}
