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
          <Route path="*" element={<Navigate to="/" replace />} />
        </Route>
      </Route>
    </Routes>
  );
}
