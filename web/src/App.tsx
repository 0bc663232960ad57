// Providers and routes.
import { MantineProvider } from '@mantine/core';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { isApiError, type Role } from './api';
import { AppLayout } from './components/AppLayout';
import { lazyPage } from './lazyPage';
import { RequireSection } from './components/RequireSection';
import { RequireSession } from './components/RequireSession';
import { HomePage } from './pages/HomePage';
import { AWARD_READERS, CALL_MANAGERS, EVALUATORS, PROGRAM_STAFF, PROPOSAL_READERS } from './programs';
import { EVENT_MANAGERS } from './events';
import { PORTAL_EDITORS } from './portal';
import { CAPACITY_FILERS, LOCALIZATION_STAFF, TAXONOMY_EDITORS } from './localization';
import { APPEAL_READERS, BENEFIT_READERS, REGIME_ADMINS, REGIME_READERS, REGIME_STAFF } from './regime';
import { ME_KEY, type SectionKey } from './session';
import { cssVariablesResolver, theme } from './theme';

// Every page but the home page is loaded when first opened: the public first page stays small.
const AccountPage = lazyPage(() => import('./pages/AccountPage'), 'AccountPage');
const ApplicationFormPage = lazyPage(() => import('./pages/ApplicationFormPage'), 'ApplicationFormPage');
const ApplicationPage = lazyPage(() => import('./pages/ApplicationPage'), 'ApplicationPage');
const AuditPage = lazyPage(() => import('./pages/AuditPage'), 'AuditPage');
const DashboardPage = lazyPage(() => import('./pages/DashboardPage'), 'DashboardPage');
const DeadlinesPage = lazyPage(() => import('./pages/DeadlinesPage'), 'DeadlinesPage');
const EnrolTotpPage = lazyPage(() => import('./pages/EnrolTotpPage'), 'EnrolTotpPage');
const AgendaPage = lazyPage(() => import('./pages/events/AgendaPage'), 'AgendaPage');
const CheckInPage = lazyPage(() => import('./pages/events/CheckInPage'), 'CheckInPage');
const DelegatesPage = lazyPage(() => import('./pages/events/DelegatesPage'), 'DelegatesPage');
const EventPage = lazyPage(() => import('./pages/events/EventPage'), 'EventPage');
const EventsPage = lazyPage(() => import('./pages/events/EventsPage'), 'EventsPage');
const MeetingsPage = lazyPage(() => import('./pages/events/MeetingsPage'), 'MeetingsPage');
const PartnersPage = lazyPage(() => import('./pages/events/PartnersPage'), 'PartnersPage');
const PublicEventPage = lazyPage(() => import('./pages/events/PublicEventPage'), 'PublicEventPage');
const PublicEventsPage = lazyPage(() => import('./pages/events/PublicEventsPage'), 'PublicEventsPage');
const SchedulePage = lazyPage(() => import('./pages/events/SchedulePage'), 'SchedulePage');
const AssetPage = lazyPage(() => import('./pages/fund/AssetPage'), 'AssetPage');
const AssetsPage = lazyPage(() => import('./pages/fund/AssetsPage'), 'AssetsPage');
const DonationsPage = lazyPage(() => import('./pages/fund/DonationsPage'), 'DonationsPage');
const EntryFormPage = lazyPage(() => import('./pages/fund/EntryFormPage'), 'EntryFormPage');
const FundAccountPage = lazyPage(() => import('./pages/fund/FundAccountPage'), 'FundAccountPage');
const FundJournalPage = lazyPage(() => import('./pages/fund/FundJournalPage'), 'FundJournalPage');
const FundOverviewPage = lazyPage(() => import('./pages/fund/FundOverviewPage'), 'FundOverviewPage');
const TracingPage = lazyPage(() => import('./pages/fund/TracingPage'), 'TracingPage');
const TrialBalancePage = lazyPage(() => import('./pages/fund/TrialBalancePage'), 'TrialBalancePage');
const LocalizationCategoryPage = lazyPage(() => import('./pages/localization/CategoryPage'), 'CategoryPage');
const LocalizationDashboardPage = lazyPage(() => import('./pages/localization/DashboardPage'), 'LocalizationDashboardPage');
const NeedPage = lazyPage(() => import('./pages/localization/NeedPage'), 'NeedPage');
const NeedsPage = lazyPage(() => import('./pages/localization/NeedsPage'), 'NeedsPage');
const PublicLocalizationPage = lazyPage(() => import('./pages/localization/PublicLocalizationPage'), 'PublicLocalizationPage');
const CapacityReportFormPage = lazyPage(() => import('./pages/localization/ReportFormPage'), 'ReportFormPage');
const CapacityReportPage = lazyPage(() => import('./pages/localization/ReportPage'), 'CapacityReportPage');
const CapacityReportsPage = lazyPage(() => import('./pages/localization/ReportsPage'), 'CapacityReportsPage');
const TaxonomyPage = lazyPage(() => import('./pages/localization/TaxonomyPage'), 'TaxonomyPage');
const AwardPage = lazyPage(() => import('./pages/programs/AwardPage'), 'AwardPage');
const AwardsPage = lazyPage(() => import('./pages/programs/AwardsPage'), 'AwardsPage');
const CallFormPage = lazyPage(() => import('./pages/programs/CallFormPage'), 'CallFormPage');
const CallPage = lazyPage(() => import('./pages/programs/CallPage'), 'CallPage');
const CallsPage = lazyPage(() => import('./pages/programs/CallsPage'), 'CallsPage');
const DisbursementsPage = lazyPage(() => import('./pages/programs/DisbursementsPage'), 'DisbursementsPage');
const EvaluationsPage = lazyPage(() => import('./pages/programs/EvaluationsPage'), 'EvaluationsPage');
const ProposalFormPage = lazyPage(() => import('./pages/programs/ProposalFormPage'), 'ProposalFormPage');
const FundProposalPage = lazyPage(() => import('./pages/programs/ProposalPage'), 'ProposalPage');
const FundProposalsPage = lazyPage(() => import('./pages/programs/ProposalsPage'), 'ProposalsPage');
const ProgramSettingsPage = lazyPage(() => import('./pages/programs/SettingsPage'), 'ProgramSettingsPage');
const MembershipPage = lazyPage(() => import('./pages/MembershipPage'), 'MembershipPage');
const NotFoundPage = lazyPage(() => import('./pages/NotFoundPage'), 'NotFoundPage');
const NotificationsPage = lazyPage(() => import('./pages/NotificationsPage'), 'NotificationsPage');
const OrganizationPage = lazyPage(() => import('./pages/OrganizationPage'), 'OrganizationPage');
const OrganizationsPage = lazyPage(() => import('./pages/OrganizationsPage'), 'OrganizationsPage');
const PublicFundPage = lazyPage(() => import('./pages/PublicFundPage'), 'PublicFundPage');
const FaqAdminPage = lazyPage(() => import('./pages/portal/FaqAdminPage'), 'FaqAdminPage');
const FaqPage = lazyPage(() => import('./pages/portal/FaqPage'), 'FaqPage');
const NewsPage = lazyPage(() => import('./pages/portal/NewsPage'), 'NewsPage');
const NewsPostPage = lazyPage(() => import('./pages/portal/NewsPostPage'), 'NewsPostPage');
const OpenDataPage = lazyPage(() => import('./pages/portal/OpenDataPage'), 'OpenDataPage');
const PostEditorPage = lazyPage(() => import('./pages/portal/PostEditorPage'), 'PostEditorPage');
const PostsPage = lazyPage(() => import('./pages/portal/PostsPage'), 'PostsPage');
const TransparencyPage = lazyPage(() => import('./pages/portal/TransparencyPage'), 'TransparencyPage');
const PublicMembersPage = lazyPage(() => import('./pages/PublicMembersPage'), 'PublicMembersPage');
const PublicAwardsPage = lazyPage(() => import('./pages/PublicAwardsPage'), 'PublicAwardsPage');
const RegisterOrganizationPage = lazyPage(() => import('./pages/RegisterOrganizationPage'), 'RegisterOrganizationPage');
const CasePage = lazyPage(() => import('./pages/screening/CasePage'), 'CasePage');
const CasesPage = lazyPage(() => import('./pages/screening/CasesPage'), 'CasesPage');
const ListsPage = lazyPage(() => import('./pages/screening/ListsPage'), 'ListsPage');
const MatchPage = lazyPage(() => import('./pages/screening/MatchPage'), 'MatchPage');
const RegimeApplicationPage = lazyPage(() => import('./pages/regime/ApplicationPage'), 'RegimeApplicationPage');
const RegimeApplicationsPage = lazyPage(() => import('./pages/regime/ApplicationsPage'), 'RegimeApplicationsPage');
const AppealsPage = lazyPage(() => import('./pages/regime/AppealsPage'), 'AppealsPage');
const BenefitsPage = lazyPage(() => import('./pages/regime/BenefitsPage'), 'BenefitsPage');
const CompliancePage = lazyPage(() => import('./pages/regime/CompliancePage'), 'CompliancePage');
const ProposalsPage = lazyPage(() => import('./pages/regime/ProposalsPage'), 'ProposalsPage');
const PublicResidentsPage = lazyPage(() => import('./pages/regime/PublicResidentsPage'), 'PublicResidentsPage');
const ReportPage = lazyPage(() => import('./pages/regime/ReportPage'), 'ReportPage');
const ResidentPage = lazyPage(() => import('./pages/regime/ResidentPage'), 'ResidentPage');
const ResidentsPage = lazyPage(() => import('./pages/regime/ResidentsPage'), 'ResidentsPage');
const RuleSetFormPage = lazyPage(() => import('./pages/regime/RuleSetFormPage'), 'RuleSetFormPage');
const RulesPage = lazyPage(() => import('./pages/regime/RulesPage'), 'RulesPage');
const RegimeSettingsPage = lazyPage(() => import('./pages/regime/SettingsPage'), 'RegimeSettingsPage');
const VerifyPage = lazyPage(() => import('./pages/regime/VerifyPage'), 'VerifyPage');
const ReviewsPage = lazyPage(() => import('./pages/ReviewsPage'), 'ReviewsPage');
const SignInPage = lazyPage(() => import('./pages/SignInPage'), 'SignInPage');
const TransparencyAuditPage = lazyPage(() => import('./pages/TransparencyAuditPage'), 'TransparencyAuditPage');
const UsersPage = lazyPage(() => import('./pages/UsersPage'), 'UsersPage');

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

/** The forum's pages: events, an event's delegates, partners and meetings, agendas, and check-in at the door. */
const EVENT_ROUTES: { path: string; roles?: readonly Role[]; page: ReactNode }[] = [
  { path: 'events', page: <EventsPage /> },
  { path: 'events/check-in', roles: EVENT_MANAGERS, page: <CheckInPage /> },
  { path: 'events/:id', page: <EventPage /> },
  { path: 'events/:id/delegates', page: <DelegatesPage /> },
  { path: 'events/:id/delegates/:registrationId/agenda', page: <AgendaPage /> },
  { path: 'events/:id/partners', page: <PartnersPage /> },
  { path: 'events/:id/meetings', page: <MeetingsPage /> },
  { path: 'events/:id/schedule', roles: EVENT_MANAGERS, page: <SchedulePage /> },
];

/** The portal's staff pages: officers write news and keep the FAQ, auditors read. */
const PORTAL_ROUTES: { path: string; roles?: readonly Role[]; page: ReactNode }[] = [
  { path: 'portal/news', page: <PostsPage /> },
  { path: 'portal/news/new', roles: PORTAL_EDITORS, page: <PostEditorPage /> },
  { path: 'portal/news/:id', page: <PostEditorPage /> },
  { path: 'portal/faq', page: <FaqAdminPage /> },
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
              <Route path="register/awards" element={<PublicAwardsPage />} />
              <Route path="transparency/fund" element={<PublicFundPage />} />
              <Route path="residents" element={<PublicResidentsPage />} />
              <Route path="localization" element={<PublicLocalizationPage />} />
              <Route path="events" element={<PublicEventsPage />} />
              <Route path="events/:id" element={<PublicEventPage />} />
              <Route path="verify/:id" element={<VerifyPage />} />
              <Route path="news" element={<NewsPage />} />
              <Route path="news/:slug" element={<NewsPostPage />} />
              <Route path="faq" element={<FaqPage />} />
              <Route path="transparency" element={<TransparencyPage />} />
              <Route path="open-data" element={<OpenDataPage />} />
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
                {EVENT_ROUTES.map((route) => (
                  <Route
                    key={route.path}
                    path={route.path}
                    element={
                      <RequireSection section="events" roles={route.roles}>
                        {route.page}
                      </RequireSection>
                    }
                  />
                ))}
                {PORTAL_ROUTES.map((route) => (
                  <Route
                    key={route.path}
                    path={route.path}
                    element={
                      <RequireSection section="portal" roles={route.roles}>
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
