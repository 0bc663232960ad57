import type { Access, Role } from '../../src/core/access.ts';

// The authorization matrix (issue #11), written by hand so that a reviewer reads who may call what.
// test/authorization-matrix.test.ts compares it with the access every route declares
// (`app.routeAccess`) and fails on any route missing here, any row for a route that is gone, and any
// difference; then it calls every route as every kind of caller.
//
// A row is `'METHOD /path'` (Fastify's form, `:id` for parameters) and one of:
//   'PUBLIC'     anyone, anonymous included;
//   'ENROLMENT'  any signed-in user, even one still setting up two-factor sign-in;
//   'SIGNED_IN'  any fully signed-in user, whatever their roles;
//   seven columns, one per role, the role's short name where it may call the route, '..' where not:
//                co = company, of = officer, an = analyst, ev = evaluator, fo = fund_officer,
//                au = auditor, ad = admin.
// Anonymous callers are allowed only on PUBLIC rows. Fastify answers HEAD for every GET route with
// the GET route's access: a GET row covers its HEAD route (the test checks that they agree).
//
// Services narrow access further (a company user sees only its own organization's records, an
// evaluator only the proposals assigned to them, …): that is the IDOR part of the test.

/** The matrix's columns, in order, with their short names. */
export const ROLE_COLUMNS: ReadonlyArray<readonly [Role, string]> = [
  ['company', 'co'],
  ['officer', 'of'],
  ['analyst', 'an'],
  ['evaluator', 'ev'],
  ['fund_officer', 'fo'],
  ['auditor', 'au'],
  ['admin', 'ad'],
];

/** Who may call each route. */
export const AUTHORIZATION_MATRIX: Readonly<Record<string, string>> = {
  //                                                                     co of an ev fo au ad
  // System ------------------------------------------------------------------------------------
  'GET /healthz':                                                        'PUBLIC',
  'GET /readyz':                                                         'PUBLIC',
  'GET /metrics':                                                        'PUBLIC', // process and HTTP metrics: restrict at the proxy (see docs/reliability.md)
  'GET /api/v1/openapi.json':                                            'PUBLIC',
  'GET /api/v1/demo/accounts':                                           'PUBLIC', // 404 unless the process runs in demo mode (adi serve --demo)

  // Sign-in, sessions, API tokens, users ---------------------------------------------------------
  'POST /api/v1/auth/login':                                             'PUBLIC',
  'POST /api/v1/auth/logout':                                            'ENROLMENT',
  'GET /api/v1/auth/me':                                                 'ENROLMENT',
  'POST /api/v1/auth/totp/setup':                                        'ENROLMENT',
  'POST /api/v1/auth/totp/enable':                                       'ENROLMENT',
  'POST /api/v1/auth/password':                                          'SIGNED_IN',
  'GET /api/v1/auth/tokens':                                             'SIGNED_IN',
  'POST /api/v1/auth/tokens':                                            'SIGNED_IN',
  'DELETE /api/v1/auth/tokens/:id':                                      'SIGNED_IN',
  'GET /api/v1/users':                                                   '.. .. .. .. .. .. ad',
  'POST /api/v1/users':                                                  '.. .. .. .. .. .. ad',
  'GET /api/v1/users/:id':                                               '.. .. .. .. .. .. ad',
  'PATCH /api/v1/users/:id':                                             '.. .. .. .. .. .. ad',
  'POST /api/v1/users/:id/reset-totp':                                   '.. .. .. .. .. .. ad',

  // Registry: organizations, people, documents ---------------------------------------------------
  'GET /api/v1/capabilities':                                            'PUBLIC',
  'GET /api/v1/organizations':                                           'co of an ev fo au ad',
  'GET /api/v1/organizations/directory':                                 'co of an ev fo au ad',
  'POST /api/v1/organizations':                                          'co of .. .. .. .. ad',
  'GET /api/v1/organizations/:id':                                       'co of an ev fo au ad',
  'PATCH /api/v1/organizations/:id':                                     'co of .. .. .. .. ad',
  'POST /api/v1/organizations/:id/identifiers':                          'co of .. .. .. .. ad',
  'DELETE /api/v1/organizations/:id/identifiers/:itemId':                'co of .. .. .. .. ad',
  'DELETE /api/v1/organizations/:id/officers/:itemId':                   'co of .. .. .. .. ad',
  'DELETE /api/v1/organizations/:id/owners/:itemId':                     'co of .. .. .. .. ad',
  'GET /api/v1/organizations/:id/people':                                'co of an .. .. au ad',
  'POST /api/v1/organizations/:id/officers':                             'co of .. .. .. .. ad',
  'POST /api/v1/organizations/:id/owners':                               'co of .. .. .. .. ad',
  'GET /api/v1/organizations/:id/beneficial-owners':                     'co of an .. .. au ad',
  'GET /api/v1/organizations/:id/ownership.bods.json':                   'co of an .. .. au ad',
  // An evaluator gets only the documents of proposals it is cleared for (the service decides; see the IDOR part).
  'GET /api/v1/organizations/:id/documents':                             'co of an ev fo au ad',
  'POST /api/v1/organizations/:id/documents':                            'co of .. .. .. .. ad',
  'GET /api/v1/documents/:id/content':                                   'co of an ev fo au ad',
  'GET /api/v1/people':                                                  'co of an .. .. au ad',
  'POST /api/v1/people':                                                 'co of .. .. .. .. ad',
  'GET /api/v1/people/:id':                                              'co of an .. .. au ad',
  'GET /api/v1/registry/reviews':                                        '.. of .. .. .. .. ad',
  'POST /api/v1/registry/reviews/:kind/:id':                             '.. of .. .. .. .. ad',

  // Membership of the Alliance -------------------------------------------------------------------
  'POST /api/v1/membership/applications':                                'co of .. .. .. .. ad',
  'GET /api/v1/membership/applications':                                 'co of an .. .. au ad',
  'GET /api/v1/membership/applications/:id':                             'co of an .. .. au ad',
  'PATCH /api/v1/membership/applications/:id':                           'co of .. .. .. .. ad',
  'POST /api/v1/membership/applications/:id/transitions':                'co of an .. .. .. ad',
  'GET /api/v1/membership/deadlines':                                    '.. of an .. .. au ad',
  'PUT /api/v1/membership/deadlines':                                    '.. .. .. .. .. .. ad',
  'GET /api/v1/public/members':                                          'PUBLIC',
  'GET /api/v1/public/members.csv':                                      'PUBLIC',

  // Notifications and the audit log -------------------------------------------------------------
  'GET /api/v1/notifications':                                           'co of .. .. .. au ad',
  'GET /api/v1/audit/events':                                            '.. .. .. .. .. au ad',
  'GET /api/v1/audit/head':                                              'PUBLIC',
  'GET /api/v1/audit/checkpoints':                                       'PUBLIC',
  'POST /api/v1/audit/checkpoints':                                      '.. .. .. .. .. au ad',

  // Fund: ledger, assets, donations, tracing (fund officers book; auditors and admins read) -------
  'GET /api/v1/fund/ledger/accounts':                                    '.. .. .. .. fo au ad',
  'POST /api/v1/fund/ledger/accounts':                                   '.. .. .. .. fo .. ..',
  'GET /api/v1/fund/ledger/accounts/:id':                                '.. .. .. .. fo au ad',
  'POST /api/v1/fund/ledger/accounts/:id/close':                         '.. .. .. .. fo .. ..',
  'GET /api/v1/fund/ledger/accounts/:id/statement':                      '.. .. .. .. fo au ad',
  'POST /api/v1/fund/ledger/entries':                                    '.. .. .. .. fo .. ..',
  'GET /api/v1/fund/ledger/entries':                                     '.. .. .. .. fo au ad',
  'GET /api/v1/fund/ledger/entries/:id':                                 '.. .. .. .. fo au ad',
  'POST /api/v1/fund/ledger/entries/:id/post':                           '.. .. .. .. fo .. ..',
  'POST /api/v1/fund/ledger/entries/:id/void':                           '.. .. .. .. fo .. ..',
  'POST /api/v1/fund/ledger/entries/:id/reverse':                        '.. .. .. .. fo .. ..',
  'POST /api/v1/fund/ledger/exchanges':                                  '.. .. .. .. fo .. ..',
  'GET /api/v1/fund/ledger/trial-balance':                               '.. .. .. .. fo au ad',
  'GET /api/v1/fund/assets':                                             '.. .. .. .. fo au ad',
  'POST /api/v1/fund/assets':                                            '.. .. .. .. fo .. ..',
  'GET /api/v1/fund/assets/:id':                                         '.. .. .. .. fo au ad',
  'POST /api/v1/fund/assets/:id/valuations':                             '.. .. .. .. fo .. ..',
  'POST /api/v1/fund/assets/:id/sale':                                   '.. .. .. .. fo .. ..',
  'POST /api/v1/fund/assets/:id/transitions':                            '.. .. .. .. fo .. ..',
  'GET /api/v1/fund/donations':                                          '.. .. .. .. fo au ad',
  'POST /api/v1/fund/donations':                                         '.. .. .. .. fo .. ..',
  'GET /api/v1/fund/donations/:id':                                      '.. .. .. .. fo au ad',
  'GET /api/v1/fund/tracing/uses':                                       '.. .. .. .. fo au ad',
  'GET /api/v1/fund/tracing/sources':                                    '.. .. .. .. fo au ad',
  'GET /api/v1/fund/tracing/entries/:id':                                '.. .. .. .. fo au ad',
  'GET /api/v1/public/fund/sources-and-uses':                            'PUBLIC',
  'GET /api/v1/public/fund/flows':                                       'PUBLIC',
  'GET /api/v1/public/fund/awards':                                      'PUBLIC',
  'GET /api/v1/public/fund/uses':                                        'PUBLIC',

  // Fund programs: calls, proposals, evaluation, awards, disbursements ---------------------------
  'GET /api/v1/fund/calls':                                              'PUBLIC',
  'GET /api/v1/fund/calls/:id':                                          'PUBLIC',
  'POST /api/v1/fund/calls':                                             '.. .. .. .. fo .. ..',
  'POST /api/v1/fund/calls/:id/transitions':                             '.. .. .. .. fo .. ..',
  'GET /api/v1/fund/calls/:id/ranking':                                  '.. .. .. .. fo au ad',
  'POST /api/v1/fund/calls/:id/rank':                                    '.. .. .. .. fo .. ..',
  'POST /api/v1/fund/calls/:id/award':                                   '.. .. .. .. fo .. ..',
  'POST /api/v1/fund/calls/:id/proposals':                               'co .. .. .. fo .. ..',
  'GET /api/v1/fund/proposals':                                          'co .. .. ev fo au ad',
  'GET /api/v1/fund/proposals/:id':                                      'co .. .. ev fo au ad',
  'PATCH /api/v1/fund/proposals/:id':                                    'co .. .. .. fo .. ..',
  'POST /api/v1/fund/proposals/:id/transitions':                         'co .. .. .. fo .. ..',
  'POST /api/v1/fund/proposals/:id/evaluators':                          '.. .. .. .. fo .. ..',
  'POST /api/v1/fund/proposals/:id/declaration':                         '.. .. .. ev .. .. ..',
  'PUT /api/v1/fund/proposals/:id/scores':                               '.. .. .. ev .. .. ..',
  'POST /api/v1/fund/proposals/:id/consensus':                           '.. .. .. .. fo .. ..',
  'GET /api/v1/fund/awards':                                             'co .. .. .. fo au ad',
  'GET /api/v1/fund/awards/:id':                                         'co .. .. .. fo au ad',
  'POST /api/v1/fund/awards/:id/milestones/:milestoneId/report':         'co .. .. .. .. .. ..',
  'POST /api/v1/fund/awards/:id/milestones/:milestoneId/verification':   '.. .. .. .. fo .. ..',
  'POST /api/v1/fund/awards/:id/disbursements':                          '.. .. .. .. fo .. ..',
  'POST /api/v1/fund/awards/:id/clawbacks':                              '.. .. .. .. fo .. ..',
  'POST /api/v1/fund/awards/:id/termination':                            '.. .. .. .. fo .. ..',
  'GET /api/v1/fund/disbursements':                                      '.. .. .. .. fo au ad',
  'POST /api/v1/fund/disbursements/:id/approval':                        '.. .. .. .. fo .. ..',
  'GET /api/v1/fund/program-settings':                                   '.. .. .. .. fo au ad',
  'PUT /api/v1/fund/program-settings':                                   '.. .. .. .. .. .. ad',
  'GET /open-data/ocds/releases.json':                                   'PUBLIC',
  'GET /open-data/ocds/records.json':                                    'PUBLIC',
  'GET /open-data/360giving/grants.json':                                'PUBLIC',
  'GET /open-data/360giving/grants.csv':                                 'PUBLIC',

  // Screening -------------------------------------------------------------------------------------
  'GET /api/v1/screening/lists':                                         '.. of an .. fo au ad',
  'POST /api/v1/screening/lists':                                        '.. .. .. .. .. .. ad',
  'POST /api/v1/screening/match':                                        '.. of an .. fo au ad',
  'GET /api/v1/screening/cases':                                         '.. of an .. .. au ad',
  'GET /api/v1/screening/cases/:id':                                     '.. of an .. .. au ad',
  'POST /api/v1/screening/cases/:id/decision':                           '.. .. an .. .. .. ..',
  'GET /api/v1/screening/organizations/:id':                             '.. of an .. fo au ad',
  'POST /api/v1/screening/organizations/:id/screen':                     '.. of an .. .. .. ad',

  // Special economic regime -----------------------------------------------------------------------
  'GET /api/v1/regime/settings':                                         'co of an .. .. au ad',
  'PUT /api/v1/regime/settings':                                         '.. .. .. .. .. .. ad',
  'GET /api/v1/regime/rule-sets':                                        'PUBLIC',
  'GET /api/v1/regime/rule-sets/:id':                                    'PUBLIC',
  'POST /api/v1/regime/rule-sets':                                       '.. .. .. .. .. .. ad',
  'POST /api/v1/regime/rule-sets/preview':                               '.. .. .. .. .. .. ad',
  'GET /api/v1/regime/commission':                                       '.. of an .. .. au ad',
  'PUT /api/v1/regime/commission':                                       '.. .. .. .. .. .. ad',
  'POST /api/v1/regime/applications':                                    'co of .. .. .. .. ad',
  'GET /api/v1/regime/applications':                                     'co of an .. .. au ad',
  'GET /api/v1/regime/applications/:id':                                 'co of an .. .. au ad',
  'PATCH /api/v1/regime/applications/:id':                               'co of .. .. .. .. ad',
  'POST /api/v1/regime/applications/:id/transitions':                    'co of .. .. .. .. ad',
  'GET /api/v1/regime/residents':                                        'co of an .. .. au ad',
  'GET /api/v1/regime/residents/:id':                                    'co of an .. .. au ad',
  'POST /api/v1/regime/residents/:id/transitions':                       'co of .. .. .. .. ad',
  'PUT /api/v1/regime/residents/:id/visibility':                         'co .. .. .. .. .. ad',
  'GET /api/v1/regime/residents/:id/certificate.pdf':                    'co of an .. .. au ad',
  'POST /api/v1/regime/residents/:id/reports':                           'co of .. .. .. .. ad',
  'GET /api/v1/regime/reports':                                          'co of an .. .. au ad',
  'GET /api/v1/regime/reports/:id':                                      'co of an .. .. au ad',
  'PATCH /api/v1/regime/reports/:id':                                    'co of .. .. .. .. ad',
  'POST /api/v1/regime/reports/:id/submit':                              'co of .. .. .. .. ad',
  'GET /api/v1/regime/compliance':                                       '.. of an .. .. au ad',
  'POST /api/v1/regime/sweep':                                           '.. .. .. .. .. .. ad',
  'GET /api/v1/regime/proposals':                                        'co of an .. .. au ad',
  'POST /api/v1/regime/proposals/:id/decision':                          '.. of .. .. .. .. ..',
  'POST /api/v1/regime/appeals':                                         'co .. .. .. .. .. ..',
  // Evaluators and fund officers read and decide appeals only as members of the appeal commission
  // (checked in appeals-service.ts); others get an empty list or 403.
  'GET /api/v1/regime/appeals':                                          'co of an ev fo au ad',
  'POST /api/v1/regime/appeals/:id/decision':                            '.. of an ev fo au ad',
  'GET /api/v1/regime/benefits':                                         '.. of .. .. fo au ad',
  'GET /api/v1/public/regime/residents':                                 'PUBLIC',
  'GET /api/v1/public/regime/certificates/:id':                          'PUBLIC',
  'POST /api/v1/public/regime/certificates/verify':                      'PUBLIC',

  // Localization: taxonomy, needs, capacity, gaps --------------------------------------------------
  'GET /api/v1/localization/categories':                                 'co of .. .. .. au ad',
  'POST /api/v1/localization/categories':                                '.. .. .. .. .. .. ad',
  'PATCH /api/v1/localization/categories/:code':                         '.. .. .. .. .. .. ad',
  'GET /api/v1/localization/needs':                                      '.. of .. .. .. au ..',
  'GET /api/v1/localization/needs/:id':                                  '.. of .. .. .. au ..',
  'POST /api/v1/localization/needs':                                     '.. of .. .. .. .. ..',
  'PUT /api/v1/localization/needs/:id':                                  '.. of .. .. .. .. ..',
  'GET /api/v1/localization/capacity-reports':                           'co of .. .. .. au ..',
  'GET /api/v1/localization/capacity-reports/:id':                       'co of .. .. .. au ..',
  'POST /api/v1/localization/capacity-reports':                          'co of .. .. .. .. ..',
  'PUT /api/v1/localization/capacity-reports/:id':                       'co of .. .. .. .. ..',
  'POST /api/v1/localization/capacity-reports/:id/confirm':              '.. of .. .. .. .. ..',
  'POST /api/v1/localization/capacity-reports/:id/return':               '.. of .. .. .. .. ..',
  'GET /api/v1/localization/gaps':                                       '.. of .. .. .. au ..',
  'GET /api/v1/localization/gaps/:code':                                 '.. of .. .. .. au ..',
  'GET /api/v1/localization/trend':                                      '.. of .. .. .. au ..',
  'GET /api/v1/public/localization':                                     'PUBLIC',
  'GET /open-data/localization/aggregates.json':                         'PUBLIC',
  'GET /open-data/localization/aggregates.csv':                          'PUBLIC',
  // Forum and matchmaking -------------------------------------------------------------------------
  'GET /api/v1/public/events':                                           'PUBLIC',
  'GET /api/v1/public/events/:id':                                       'PUBLIC',
  'GET /api/v1/events':                                                  'co of .. .. .. au ..',
  'POST /api/v1/events':                                                 '.. of .. .. .. .. ..',
  'GET /api/v1/events/:id':                                              'co of .. .. .. au ..',
  'PATCH /api/v1/events/:id':                                            '.. of .. .. .. .. ..',
  'POST /api/v1/events/:id/sessions':                                    '.. of .. .. .. .. ..',
  'PATCH /api/v1/events/:id/sessions/:sessionId':                        '.. of .. .. .. .. ..',
  'DELETE /api/v1/events/:id/sessions/:sessionId':                       '.. of .. .. .. .. ..',
  'GET /api/v1/events/:id/registrations':                                'co of .. .. .. au ..',
  'POST /api/v1/events/:id/registrations':                               'co of .. .. .. .. ..',
  'GET /api/v1/events/:id/registrations/:registrationId':                'co of .. .. .. au ..',
  'PATCH /api/v1/events/:id/registrations/:registrationId':              'co of .. .. .. .. ..',
  'POST /api/v1/events/:id/registrations/:registrationId/cancel':        'co of .. .. .. .. ..',
  'GET /api/v1/events/:id/registrations/:registrationId/badge.pdf':      'co of .. .. .. au ..',
  'GET /api/v1/events/:id/registrations/:registrationId/agenda':         'co of .. .. .. au ..',
  'GET /api/v1/events/:id/registrations/:registrationId/agenda.pdf':     'co of .. .. .. au ..',
  'GET /api/v1/events/:id/registrations/:registrationId/agenda.ics':     'co of .. .. .. au ..',
  'GET /api/v1/events/badges/:code':                                     '.. of .. .. .. .. ..',
  'POST /api/v1/events/badges/:code/check-in':                           '.. of .. .. .. .. ..',
  'GET /api/v1/events/:id/participants':                                 'co of .. .. .. au ..',
  'GET /api/v1/events/:id/participants/:organizationId':                 'co of .. .. .. au ..',
  'PUT /api/v1/events/:id/participants/:organizationId/profile':         'co of .. .. .. .. ..',
  'GET /api/v1/events/:id/participants/:organizationId/recommendations': 'co of .. .. .. au ..',
  'GET /api/v1/events/:id/meetings':                                     'co of .. .. .. au ..',
  'POST /api/v1/events/:id/meetings':                                    'co of .. .. .. .. ..',
  'GET /api/v1/events/:id/meetings/:meetingId':                          'co of .. .. .. au ..',
  'POST /api/v1/events/:id/meetings/:meetingId/accept':                  'co of .. .. .. .. ..',
  'POST /api/v1/events/:id/meetings/:meetingId/decline':                 'co of .. .. .. .. ..',
  'POST /api/v1/events/:id/meetings/:meetingId/book':                    'co of .. .. .. .. ..',
  'POST /api/v1/events/:id/meetings/:meetingId/cancel':                  'co of .. .. .. .. ..',
  'POST /api/v1/events/:id/schedule':                                    '.. of .. .. .. .. ..',
  // Public portal ---------------------------------------------------------------------------------
  'GET /api/v1/portal/posts':                                            '.. of .. .. .. au ..',
  'POST /api/v1/portal/posts':                                           '.. of .. .. .. .. ..',
  'GET /api/v1/portal/posts/:id':                                        '.. of .. .. .. au ..',
  'PATCH /api/v1/portal/posts/:id':                                      '.. of .. .. .. .. ..',
  'POST /api/v1/portal/posts/:id/transitions':                           '.. of .. .. .. .. ..',
  'GET /api/v1/portal/faq':                                              '.. of .. .. .. au ..',
  'POST /api/v1/portal/faq':                                             '.. of .. .. .. .. ..',
  'PATCH /api/v1/portal/faq/:id':                                        '.. of .. .. .. .. ..',
  'DELETE /api/v1/portal/faq/:id':                                       '.. of .. .. .. .. ..',
  'POST /api/v1/portal/images':                                          '.. of .. .. .. .. ..',
  'GET /api/v1/portal/images':                                           '.. of .. .. .. au ..',
  'GET /api/v1/public/images/:id':                                       'PUBLIC',
  'GET /api/v1/public/news':                                             'PUBLIC',
  'GET /api/v1/public/news/:slug':                                       'PUBLIC',
  'GET /feeds/news-uk.atom':                                             'PUBLIC',
  'GET /feeds/news-en.atom':                                             'PUBLIC',
  'GET /feeds/news-uk.rss':                                              'PUBLIC',
  'GET /feeds/news-en.rss':                                              'PUBLIC',
  'GET /api/v1/public/faq':                                              'PUBLIC',
  'GET /api/v1/public/dashboard':                                        'PUBLIC',
  'GET /api/v1/public/open-data':                                        'PUBLIC',
  'GET /sitemap.xml':                                                    'PUBLIC',
};

/** A row of the matrix, read. */
export type Expectation = { kind: 'public' } | { kind: 'enrolment' } | { kind: 'signed_in' } | { kind: 'roles'; roles: ReadonlySet<Role> };

/** Reads a row's cell; throws on anything but the forms described above (so the table stays readable). */
export function parseCell(route: string, cell: string): Expectation {
  if (cell === 'PUBLIC') return { kind: 'public' };
  if (cell === 'ENROLMENT') return { kind: 'enrolment' };
  if (cell === 'SIGNED_IN') return { kind: 'signed_in' };
  const slots = cell.split(' ');
  if (slots.length !== ROLE_COLUMNS.length) throw new Error(`${route}: '${cell}' must have ${ROLE_COLUMNS.length} columns separated by single spaces`);
  const roles = new Set<Role>();
  slots.forEach((slot, index) => {
    const [role, short] = ROLE_COLUMNS[index]!;
    if (slot === short) roles.add(role);
    else if (slot !== '..') throw new Error(`${route}: column ${index + 1} must be '${short}' or '..', not '${slot}'`);
  });
  if (roles.size === 0) throw new Error(`${route}: no role may call it; remove the route or the row`);
  return { kind: 'roles', roles };
}

/** The matrix's form of a declared access rule (for messages and comparison). */
export function cellOf(access: Access): string {
  if (access === 'public') return 'PUBLIC';
  if (access === 'enrolment') return 'ENROLMENT';
  if (access === 'signed_in') return 'SIGNED_IN';
  return ROLE_COLUMNS.map(([role, short]) => (access.includes(role) ? short : '..')).join(' ');
}

/** A kind of caller the matrix is checked for. */
export type CallerKind = 'anonymous' | 'public_user' | 'enrolling_staff' | Role;

/** What the route-level check must answer a caller: allow, 401, or 403 (with the problem code). */
export function expectedDecision(expectation: Expectation, caller: CallerKind): 'allow' | 'unauthenticated' | 'totp_enrolment_required' | 'forbidden' {
  if (expectation.kind === 'public') return 'allow';
  if (caller === 'anonymous') return 'unauthenticated';
  if (expectation.kind === 'enrolment') return 'allow';
  if (caller === 'enrolling_staff') return 'totp_enrolment_required';
  if (expectation.kind === 'signed_in') return 'allow';
  if (caller === 'public_user') return 'forbidden';
  return expectation.roles.has(caller) ? 'allow' : 'forbidden';
}

// IDOR coverage -------------------------------------------------------------------------------------
//
// The rule: a route whose path carries a record id is classified by the longest of the prefixes
// below that its path starts with. A record under a COMPANY_OWNED prefix belongs to one company (or,
// for API tokens, to one user): every such route must be in the IDOR table of the test, which calls
// it as another company's user with the owner's real ids and with guessed ids. A route under a
// NOT_COMPANY_OWNED prefix holds the fund's, the state's or the platform's own records (or is public
// on purpose). A route with an id under neither fails the test until someone classifies it here.

/** Path prefixes (up to the owning record's id) of records that belong to one company or user. */
export const COMPANY_OWNED_PREFIXES: readonly string[] = [
  '/api/v1/auth/tokens/:id',
  '/api/v1/organizations/:id',
  '/api/v1/documents/:id',
  '/api/v1/people/:id',
  '/api/v1/registry/reviews/:kind/:id',
  '/api/v1/membership/applications/:id',
  '/api/v1/regime/applications/:id',
  '/api/v1/regime/residents/:id',
  '/api/v1/regime/reports/:id',
  '/api/v1/regime/proposals/:id',
  '/api/v1/regime/appeals/:id',
  '/api/v1/fund/proposals/:id',
  '/api/v1/fund/awards/:id',
  '/api/v1/fund/disbursements/:id',
  '/api/v1/localization/capacity-reports/:id',
  '/api/v1/screening/organizations/:id',
  '/api/v1/screening/cases/:id',
  '/api/v1/events/:id/registrations/:registrationId',
  '/api/v1/events/:id/meetings/:meetingId',
  '/api/v1/events/:id/participants/:organizationId/',
];

/** Path prefixes of records with an id that no company owns, and why. */
export const NOT_COMPANY_OWNED_PREFIXES: Readonly<Record<string, string>> = {
  '/api/v1/users/:id': 'user accounts: administrators only',
  '/api/v1/fund/ledger/': "the fund's own books",
  '/api/v1/fund/assets/:id': "the fund's own assets",
  '/api/v1/fund/donations/:id': 'donations to the fund (fund staff only)',
  '/api/v1/fund/tracing/entries/:id': "the fund's own books",
  '/api/v1/fund/calls/:id': "the fund's calls for proposals (published ones are public)",
  '/api/v1/regime/rule-sets/:id': 'the published rules of the regime',
  '/api/v1/public/regime/certificates/:id': 'residency certificates are public on purpose (anyone verifies them)',
  '/api/v1/localization/categories/:code': 'the capability taxonomy',
  '/api/v1/localization/needs/:id': "the state's needs (localization staff only)",
  '/api/v1/localization/gaps/:code': 'aggregates by category (localization staff only)',
  '/api/v1/events/:id': 'forum events (published ones are public); what under them belongs to a company is classified below',
  '/api/v1/public/events/:id': 'the public agenda of a published event',
  '/api/v1/events/badges/:code': 'badge codes, looked up by the door staff (officers only)',
  '/api/v1/events/:id/sessions/:sessionId': 'the agenda of an event (officers edit it)',
  '/api/v1/portal/posts/:id': 'news posts of the platform (officers write them)',
  '/api/v1/portal/faq/:id': 'the FAQ of the platform',
  '/api/v1/public/news/:slug': 'published news, public on purpose',
  '/api/v1/public/images/:id': 'images made for public news posts, public on purpose',
  '/api/v1/events/:id/participants/:organizationId': 'partner-search profiles: shown to every company at the event on purpose; the profile and recommendations below it are company-owned',
};

/** How a route with an id is classified: 'company' (IDOR-tested), 'other', or null (unclassified). */
export function classifyIdRoute(path: string): 'company' | 'other' | null {
  let best: { length: number; kind: 'company' | 'other' } | null = null;
  for (const prefix of COMPANY_OWNED_PREFIXES) if (path.startsWith(prefix) && (!best || prefix.length > best.length)) best = { length: prefix.length, kind: 'company' };
  for (const prefix of Object.keys(NOT_COMPANY_OWNED_PREFIXES)) if (path.startsWith(prefix) && (!best || prefix.length > best.length)) best = { length: prefix.length, kind: 'other' };
  return best?.kind ?? null;
}
