import { useState, type ReactElement } from 'react';
import { apiJson } from '../api.ts';
import { ErrorAlert } from '../error-alert.tsx';
import { FormError } from '../forms/field-error.tsx';
import { useApiAction } from '../forms/use-api-action.ts';
import { useApiData } from '../use-api-data.ts';
import { ROLE_NAMES, type UserDetail } from './admin-types.ts';
import { localToday, USERS_PATH } from './admin-paths.ts';
import { EntitlementForm } from './entitlement-form.tsx';
import { ReporterProfileForm } from './reporter-profile-form.tsx';
import { TrainingRecords } from './training-records.tsx';

const STATE_WORDS: Record<UserDetail['entitlements'][number]['state'], string> = {
  current: 'Current',
  future: 'Not yet started',
  expired: 'Expired',
  ended: 'Ended',
};

/**
 * One user: their account, entitlements (give one, end one), reporter profile when they report, and
 * training records. Ending and deactivating ask first; the API refuses an administrator's own last
 * administrator entitlement and their own account.
 */
export function UserDetailScreen(props: { userId: string; onSessionEnded: () => void }): ReactElement {
  const [reload, setReload] = useState(0);
  const { data: user, error } = useApiData<UserDetail>(
    `/api/users/${encodeURIComponent(props.userId)}`,
    props.onSessionEnded,
    null,
    reload,
  );
  const change = useApiAction(props.onSessionEnded);
  const today = localToday();
  const changed = (): void => {
    setReload((n) => n + 1);
  };
  const post = (path: string, question: string): void => {
    if (!window.confirm(question)) return;
    void change
      .run(async () => {
        await apiJson(path, { method: 'POST', body: {} });
      })
      .then((done) => {
        if (done) changed();
      });
  };
  const base = `/api/users/${encodeURIComponent(props.userId)}`;
  return (
    <section aria-labelledby="user-heading" className="admin-screen">
      <p>
        <a href={USERS_PATH}>All users</a>
      </p>
      <ErrorAlert message={error} />
      {user ? (
        <>
          <h1 id="user-heading">{`${user.displayName} (${user.username})`}</h1>
          <dl className="admin-facts">
            <dt>Account</dt>
            <dd>{user.active ? 'Active' : `Deactivated ${user.disabledAt?.slice(0, 10) ?? ''}`}</dd>
            <dt>Second factor</dt>
            <dd>{user.secondFactor ? 'Authenticator set up' : 'Not set up: asked for at first sign-in'}</dd>
            <dt>Added</dt>
            <dd>{user.createdAt.slice(0, 10)}</dd>
          </dl>
          {user.active ? (
            <button
              type="button"
              className="danger"
              disabled={change.busy}
              onClick={() => {
                post(
                  `${base}/deactivate`,
                  `Deactivate ${user.username}? They will no longer be able to sign in.`,
                );
              }}
            >
              Deactivate user
            </button>
          ) : null}
          <h2>Entitlements</h2>
          <FormError error={change.error} fields={[]} />
          {change.busy ? <p role="status">Saving…</p> : null}
          <table className="entitlements-table">
            <caption className="visually-hidden">{`Entitlements of ${user.username}`}</caption>
            <thead>
              <tr>
                <th scope="col">Role</th>
                <th scope="col">Scope</th>
                <th scope="col">Valid from</th>
                <th scope="col">Expires after</th>
                <th scope="col">State</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {user.entitlements.map((e) => (
                <tr key={e.id} className={`entitlement-${e.state}`}>
                  <th scope="row">{ROLE_NAMES[e.role]}</th>
                  <td>{e.scope === '*' ? 'all' : e.scope}</td>
                  <td>{e.validFrom}</td>
                  <td>{e.validUntil ?? 'no expiry'}</td>
                  <td>
                    {STATE_WORDS[e.state]}
                    {e.revokedAt !== null ? ` ${e.revokedAt.slice(0, 10)}` : ''}
                  </td>
                  <td>
                    {e.state === 'current' || e.state === 'future' ? (
                      <button
                        type="button"
                        disabled={change.busy}
                        onClick={() => {
                          post(
                            `${base}/entitlements/${encodeURIComponent(e.id)}/end`,
                            `End the ${ROLE_NAMES[e.role]} entitlement of ${user.username} now?`,
                          );
                        }}
                      >
                        {`End ${ROLE_NAMES[e.role]}`}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="admin-forms">
            <EntitlementForm
              userId={user.id}
              today={today}
              onAdded={changed}
              onSessionEnded={props.onSessionEnded}
            />
            {user.reporterProfile !== null ||
            user.entitlements.some((e) => e.role === 'reporter' && e.state !== 'ended') ? (
              <ReporterProfileForm
                userId={user.id}
                profile={user.reporterProfile}
                onSaved={changed}
                onSessionEnded={props.onSessionEnded}
              />
            ) : null}
          </div>
          <TrainingRecords userId={user.id} today={today} onSessionEnded={props.onSessionEnded} />
        </>
      ) : null}
    </section>
  );
}
