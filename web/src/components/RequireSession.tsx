// Route guard for /app/*: signed-out users go to sign-in, half-enrolled staff to TOTP setup.
import { Navigate, Outlet, useLocation } from 'react-router';
import { useMe } from '../session';
import { ErrorAlert } from './ErrorAlert';
import { Loading } from './Loading';

export function RequireSession() {
  const location = useLocation();
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    // Remember where the user was going, so sign-in can bring them back.
    return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  }
  if (me.data.session.stage === 'totp_enrolment') return <Navigate to="/enrol-totp" replace />;
  return <Outlet />;
}
