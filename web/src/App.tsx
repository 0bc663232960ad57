// Providers and routes.
import { MantineProvider } from '@mantine/core';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { isApiError, type Role } from './api';
import { AppLayout } from './components/AppLayout';
import { RequireSection } from './components/RequireSection';
import { RequireSession } from './components/RequireSession';
import { AccountPage } from './pages/AccountPage';
import { ApplicationFormPage } from './pages/ApplicationFormPage';
import { ApplicationPage } from './pages/ApplicationPage';
import { AuditPage } from './pages/AuditPage';
import { DashboardPage } from './pages/DashboardPage';
import { DeadlinesPage } from './pages/DeadlinesPage';
import { EnrolTotpPage } from './pages/EnrolTotpPage';
import { AssetPage } from './pages/fund/AssetPage';
import { AssetsPage } from './pages/fund/AssetsPage';
import { DonationsPage } from './pages/fund/DonationsPage';
import { EntryFormPage } from './pages/fund/EntryFormPage';
import { FundAccountPage } from './pages/fund/FundAccountPage';
import { FundJournalPage } from './pages/fund/FundJournalPage';
import { FundOverviewPage } from './pages/fund/FundOverviewPage';
import { TracingPage } from './pages/fund/TracingPage';
import { TrialBalancePage } from './pages/fund/TrialBalancePage';
import { HomePage } from './pages/HomePage';
import { CategoryPage as LocalizationCategoryPage } from './pages/localization/CategoryPage';
import { LocalizationDashboardPage } from './pages/localization/DashboardPage';
import { NeedPage } from './pages/localization/NeedPage';
import { NeedsPage } from './pages/localization/NeedsPage';
import { PublicLocalizationPage } from './pages/localization/PublicLocalizationPage';
import { ReportFormPage as CapacityReportFormPage } from './pages/localization/ReportFormPage';
import { CapacityReportPage } from './pages/localization/ReportPage';
import { CapacityReportsPage } from './pages/localization/ReportsPage';
import { TaxonomyPage } from './pages/localization/TaxonomyPage';
import { AwardPage } from './pages/programs/AwardPage';
import { AwardsPage } from './pages/programs/AwardsPage';
import { CallFormPage } from './pages/programs/CallFormPage';
import { CallPage } from './pages/programs/CallPage';
import { CallsPage } from './pages/programs/CallsPage';
import { DisbursementsPage } from './pages/programs/DisbursementsPage';
import { EvaluationsPage } from './pages/programs/EvaluationsPage';
import { ProposalFormPage } from './pages/programs/ProposalFormPage';
import { ProposalPage as FundProposalPage } from './pages/programs/ProposalPage';
import { ProposalsPage as FundProposalsPage } from './pages/programs/ProposalsPage';
import { ProgramSettingsPage } from './pages/programs/SettingsPage';
import { MembershipPage } from './pages/MembershipPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { NotificationsPage } from './pages/NotificationsPage';
import { OrganizationPage } from './pages/OrganizationPage';
import { OrganizationsPage } from './pages/OrganizationsPage';
import { PublicFundPage } from './pages/PublicFundPage';
import { PublicMembersPage } from './pages/PublicMembersPage';
import { RegisterOrganizationPage } from './pages/RegisterOrganizationPage';
import { CasePage } from './pages/screening/CasePage';
import { CasesPage } from './pages/screening/CasesPage';
import { ListsPage } from './pages/screening/ListsPage';
import { MatchPage } from './pages/screening/MatchPage';
import { RegimeApplicationPage } from './pages/regime/ApplicationPage';
import { RegimeApplicationsPage } from './pages/regime/ApplicationsPage';
import { AppealsPage } from './pages/regime/AppealsPage';
import { BenefitsPage } from './pages/regime/BenefitsPage';
import { CompliancePage } from './pages/regime/CompliancePage';
import { ProposalsPage } from './pages/regime/ProposalsPage';
import { PublicResidentsPage } from './pages/regime/PublicResidentsPage';
import { ReportPage } from './pages/regime/ReportPage';
import { ResidentPage } from './pages/regime/ResidentPage';
import { ResidentsPage } from './pages/regime/ResidentsPage';
import { RuleSetFormPage } from './pages/regime/RuleSetFormPage';
import { RulesPage } from './pages/regime/RulesPage';
import { RegimeSettingsPage } from './pages/regime/SettingsPage';
import { VerifyPage } from './pages/regime/VerifyPage';
import { ReviewsPage } from './pages/ReviewsPage';
import { SignInPage } from './pages/SignInPage';
import { TransparencyAuditPage } from './pages/TransparencyAuditPage';
import { UsersPage } from './pages/UsersPage';
import { AWARD_READERS, CALL_MANAGERS, EVALUATORS, PROGRAM_STAFF, PROPOSAL_READERS } from './programs';
import { CAPACITY_FILERS, LOCALIZATION_STAFF, TAXONOMY_EDITORS } from './localization';
import { APPEAL_READERS, BENEFIT_READERS, REGIME_ADMINS, REGIME_READERS, REGIME_STAFF } from './regime';
import { ME_KEY, type SectionKey } from './session';
import { cssVariablesResolver, theme } from './theme';

// When any call reports that the session is gone or still needs TOTP enrolment, refresh
// who we are: the route guard then sends the user to sign-in or enrolment.
function onApiError(error: unknown): void {
  if (isApiError(error, 'unauthenticated')) queryClient.setQueryData(ME_KEY, null);
  else if (isApiError(error, 'totp_enrolment_required')) void queryClient.invalidateQueries({ queryKey: ME_KEY });
}

/** Localization's pages: the staff's dashboard, needs and taxonomy, and the capacity reports companies file. */
const LOCALIZATION_ROUTES: { path: string; section: SectionKey; roles?: readonly Role[]; page: ReactNode }[] = [
  { path: 'localization', section: 'localization', page: <LocalizationDashboardPage /> },
  { path: 'localization/categories/:code', section: 'localization', roles: LOCALIZATION_STAFF, page: <LocalizationCategoryPage /> },
  { path: 'localization/needs', section: 'localization', roles: LOCALIZATION_STAFF, page: <NeedsPage /> },
  { path: 'localization/needs/:id', section: 'localization', roles: LOCALIZATION_STAFF, page: <NeedPage /> },
  { path: 'localization/taxonomy', section: 'localization', roles: TAXONOMY_EDITORS, page: <TaxonomyPage /> },
  { path: 'localization/reports', section: 'capacityReports', page: <CapacityReportsPage /> },
  { path: 'localization/reports/new', section: 'capacityReports', roles: CAPACITY_FILERS, page: <CapacityReportFormPage mode="new" /> },
  { path: 'localization/reports/:id', section: 'capacityReports', page: <CapacityReportPage /> },
  { path: 'localization/reports/:id/edit', section: 'capacityReports', roles: CAPACITY_FILERS, page: <CapacityReportFormPage mode="edit" /> },
];

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    queries: {
      // Client errors (4xx) will not fix themselves; only retry network and server failures.
      retry: (failureCount, error) =>
        failureCount < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

export function App() {
  return (
    // Light scheme only: without ColorSchemeScript (inline scripts are blocked by the CSP)
    // a stored dark preference would flash; one scheme also keeps contrast checks simple.
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} forceColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <Routes>
            <Route element={<AppLayout />}>
              <Route index element={<HomePage />} />
              <Route path="sign-in" element={<SignInPage />} />
              <Route path="enrol-totp" element={<EnrolTotpPage />} />
              <Route path="transparency/audit" element={<TransparencyAuditPage />} />
              <Route path="register/members" element={<PublicMembersPage />} />
              <Route path="transparency/fund" element={<PublicFundPage />} />
              <Route path="residents" element={<PublicResidentsPage />} />
              <Route path="localization" element={<PublicLocalizationPage />} />
              <Route path="verify/:id" element={<VerifyPage />} />
              <Route path="app" element={<RequireSession />}>
                <Route index element={<DashboardPage />} />
                <Route
                  path="users"
                  element={
                    <RequireSection section="users">
                      <UsersPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="organizations"
                  element={
                    <RequireSection section="organizations">
                      <OrganizationsPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="organizations/new"
                  element={
                    <RequireSection section="organizations">
                      <RegisterOrganizationPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="organizations/:id"
                  element={
                    <RequireSection section="organizations">
                      <OrganizationPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="registry/reviews"
                  element={
                    <RequireSection section="reviews">
                      <ReviewsPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="membership"
                  element={
                    <RequireSection section="membership">
                      <MembershipPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="membership/new"
                  element={
                    <RequireSection section="membership">
                      <ApplicationFormPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="membership/applications/:id"
                  element={
                    <RequireSection section="membership">
                      <ApplicationPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="membership/applications/:id/edit"
                  element={
                    <RequireSection section="membership">
                      <ApplicationFormPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="membership/deadlines"
                  element={
                    <RequireSection section="deadlines">
                      <DeadlinesPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="notifications"
                  element={
                    <RequireSection section="notifications">
                      <NotificationsPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="fund"
                  element={
                    <RequireSection section="fund">
                      <FundOverviewPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="fund/journal"
                  element={
                    <RequireSection section="fund">
                      <FundJournalPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="fund/journal/new"
                  element={
                    <RequireSection section="fund">
                      <EntryFormPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="fund/accounts/:id"
                  element={
                    <RequireSection section="fund">
                      <FundAccountPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="fund/trial-balance"
                  element={
                    <RequireSection section="fund">
                      <TrialBalancePage />
                    </RequireSection>
                  }
                />
                <Route
                  path="fund/donations"
                  element={
                    <RequireSection section="fund">
                      <DonationsPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="fund/assets"
                  element={
                    <RequireSection section="fund">
                      <AssetsPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="fund/assets/:id"
                  element={
                    <RequireSection section="fund">
                      <AssetPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="fund/tracing"
                  element={
                    <RequireSection section="fund">
                      <TracingPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="programs"
                  element={
                    <RequireSection section="programs">
                      <CallsPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="programs/calls/new"
                  element={
                    <RequireSection section="programs" roles={CALL_MANAGERS}>
                      <CallFormPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="programs/calls/:id"
                  element={
                    <RequireSection section="programs">
                      <CallPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="programs/calls/:id/apply"
                  element={
                    <RequireSection section="programs" roles={['company']}>
                      <ProposalFormPage mode="new" />
                    </RequireSection>
                  }
                />
                <Route
                  path="programs/proposals"
                  element={
                    <RequireSection section="programs" roles={PROPOSAL_READERS}>
                      <FundProposalsPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="programs/proposals/:id"
                  element={
                    <RequireSection section="programs">
                      <FundProposalPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="programs/proposals/:id/edit"
                  element={
                    <RequireSection section="programs" roles={['company', 'fund_officer']}>
                      <ProposalFormPage mode="edit" />
                    </RequireSection>
                  }
                />
                <Route
                  path="programs/evaluations"
                  element={
                    <RequireSection section="programs" roles={EVALUATORS}>
                      <EvaluationsPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="programs/awards"
                  element={
                    <RequireSection section="programs" roles={AWARD_READERS}>
                      <AwardsPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="programs/awards/:id"
                  element={
                    <RequireSection section="programs" roles={AWARD_READERS}>
                      <AwardPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="programs/disbursements"
                  element={
                    <RequireSection section="programs" roles={PROGRAM_STAFF}>
                      <DisbursementsPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="programs/settings"
                  element={
                    <RequireSection section="programs" roles={PROGRAM_STAFF}>
                      <ProgramSettingsPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="screening"
                  element={
                    <RequireSection section="screening">
                      <CasesPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="screening/cases/:id"
                  element={
                    <RequireSection section="screening">
                      <CasePage />
                    </RequireSection>
                  }
                />
                <Route
                  path="screening/lists"
                  element={
                    <RequireSection section="screening">
                      <ListsPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="screening/match"
                  element={
                    <RequireSection section="screening">
                      <MatchPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="regime"
                  element={
                    <RequireSection section="regime">
                      <RegimeApplicationsPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="regime/applications/:id"
                  element={
                    <RequireSection section="regime" roles={REGIME_READERS}>
                      <RegimeApplicationPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="regime/residents"
                  element={
                    <RequireSection section="regime" roles={REGIME_READERS}>
                      <ResidentsPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="regime/residents/:id"
                  element={
                    <RequireSection section="regime" roles={REGIME_READERS}>
                      <ResidentPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="regime/rules"
                  element={
                    <RequireSection section="regime" roles={REGIME_READERS}>
                      <RulesPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="regime/rules/new"
                  element={
                    <RequireSection section="regime" roles={REGIME_ADMINS}>
                      <RuleSetFormPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="regime/compliance"
                  element={
                    <RequireSection section="regime" roles={REGIME_STAFF}>
                      <CompliancePage />
                    </RequireSection>
                  }
                />
                <Route
                  path="regime/appeals"
                  element={
                    <RequireSection section="regime" roles={APPEAL_READERS}>
                      <AppealsPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="regime/benefits"
                  element={
                    <RequireSection section="regime" roles={BENEFIT_READERS}>
                      <BenefitsPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="regime/settings"
                  element={
                    <RequireSection section="regime" roles={REGIME_ADMINS}>
                      <RegimeSettingsPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="regime/proposals"
                  element={
                    <RequireSection section="regime" roles={REGIME_STAFF}>
                      <ProposalsPage />
                    </RequireSection>
                  }
                />
                <Route
                  path="regime/reports/:id"
                  element={
                    <RequireSection section="regime" roles={REGIME_READERS}>
                      <ReportPage />
                    </RequireSection>
                  }
                />
                {LOCALIZATION_ROUTES.map((route) => (
                  <Route
                    key={route.path}
                    path={route.path}
                    element={
                      <RequireSection section={route.section} roles={route.roles}>
                        {route.page}
                      </RequireSection>
                    }
                  />
                ))}
                <Route
                  path="audit"
                  element={
                    <RequireSection section="audit">
                      <AuditPage />
                    </RequireSection>
                  }
                />
                <Route path="account" element={<AccountPage />} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
