import { useEffect, useState, type ReactElement } from 'react';
import { ErrorAlert } from '../error-alert.tsx';
import { Pager } from '../lists/pager.tsx';
import { useApiData } from '../use-api-data.ts';
import { AddUserForm } from './add-user-form.tsx';
import { ROLE_NAMES, ROLES, type Role, type UserPage } from './admin-types.ts';
import { localToday, USERS_PATH } from './admin-paths.ts';
import { EntitlementList } from './entitlement-list.tsx';

const PAGE_SIZE = 20;
/** Typing pauses this long before the list is asked for again: every list read is audited. */
const TYPING_PAUSE_MS = 400;

/** The value once it has stopped changing for a moment. */
function useSettled(value: string, delayMs: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => {
      setSettled(value);
    }, delayMs);
    return () => {
      clearTimeout(timer);
    };
  }, [value, delayMs]);
  return settled;
}

/** The users, filtered by role and name and paged, with their entitlements, second factor and state. */
export function UsersScreen(props: { onSessionEnded: () => void }): ReactElement {
  const [role, setRole] = useState<Role | ''>('');
  const [name, setName] = useState('');
  const [offset, setOffset] = useState(0);
  const [reload, setReload] = useState(0);
  const [added, setAdded] = useState<{ id: string; username: string } | null>(null);
  const settledName = useSettled(name.trim(), TYPING_PAUSE_MS);
  const query = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(offset) });
  if (role !== '') query.set('role', role);
  if (settledName !== '') query.set('name', settledName);
  const { data, error } = useApiData<UserPage>(
    `/api/users?${query.toString()}`,
    props.onSessionEnded,
    null,
    reload,
  );

  return (
    <section aria-labelledby="users-heading" className="admin-screen">
      <h1 id="users-heading">Users</h1>
      <form
        className="admin-filter"
        role="search"
        aria-label="Filter users"
        onSubmit={(e) => {
          e.preventDefault();
        }}
      >
        <label>
          Name or username contains
          <input
            type="search"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setOffset(0);
            }}
          />
        </label>
        <label>
          Role
          <select
            value={role}
            onChange={(e) => {
              setRole(e.target.value as Role | '');
              setOffset(0);
            }}
          >
            <option value="">Any role</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_NAMES[r]}
              </option>
            ))}
          </select>
        </label>
      </form>
      <ErrorAlert message={error} />
      {data ? (
        data.items.length === 0 ? (
          <p>No users match.</p>
        ) : (
          <table className="users-table">
            <caption>{`Users: ${String(data.total)}`}</caption>
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Entitlements</th>
                <th scope="col">Second factor</th>
                <th scope="col">Account</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((u) => (
                <tr key={u.id} className={u.active ? undefined : 'user-inactive'}>
                  <th scope="row">
                    <a href={`${USERS_PATH}/${encodeURIComponent(u.id)}`}>{u.displayName}</a>
                    <br />
                    <span className="username">{u.username}</span>
                  </th>
                  <td>
                    <EntitlementList entitlements={u.entitlements} />
                  </td>
                  <td>{u.secondFactor ? 'Set up' : 'Not set up'}</td>
                  <td>{u.active ? 'Active' : `Deactivated ${u.disabledAt?.slice(0, 10) ?? ''}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
      {data ? <Pager page={data} label="Users" onOffset={setOffset} /> : null}
      {added !== null ? (
        <p role="status">
          {`Added ${added.username}: `}
          <a href={`${USERS_PATH}/${encodeURIComponent(added.id)}`}>{`open ${added.username}`}</a>
        </p>
      ) : null}
      <AddUserForm
        today={localToday()}
        onAdded={(u) => {
          setAdded(u);
          setReload((n) => n + 1);
        }}
        onSessionEnded={props.onSessionEnded}
      />
    </section>
  );
}
