// Shown instead of device data when the user's dashboard token has been revoked.
export function AccessRevoked() {
  return (
    <div role="alert" className="rounded-xl border border-red-300 bg-red-50 p-6 dark:border-red-800 dark:bg-red-950" data-testid="access-revoked">
      <h2 className="font-semibold text-red-900 dark:text-red-100">Access revoked</h2>
      <p className="mt-1 text-sm text-red-900 dark:text-red-200">
        The token this dashboard uses for your devices has been revoked, so Gatehouse cannot show your devices. An admin can
        issue a new one; until then nothing is read or changed on your behalf.
      </p>
    </div>
  );
}
