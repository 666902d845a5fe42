/**
 * What a deployment with nothing to talk to shows instead of every page: no Runway key, and no emulator
 * (`npm run dev` and `npm start` start one beside the app; a serverless host cannot).
 */
export function SetupPage() {
  return (
    <section className="setup" aria-labelledby="setup-title">
      <h1 id="setup-title">Finish setting up</h1>
      <p>This app has no Runway API key yet, so there is no avatar to call.</p>
      <ol>
        <li>
          Create a key in the <a href="https://dev.runwayml.com/">Runway Developer Portal</a>.
        </li>
        <li>
          Set it as <code>RUNWAYML_API_SECRET</code> where the app runs: on Vercel, in the project&apos;s Settings → Environment Variables;
          on your own server, in its environment or <code>.env.local</code>. Set <code>ADMIN_PASSWORD</code> and <code>AUTH_SECRET</code>{' '}
          beside it.
        </li>
        <li>Redeploy or restart the app.</li>
      </ol>
      <p className="muted">
        To try the app without a key, run it on your machine with <code>npm run dev</code>: it starts the Runway emulator beside it.
      </p>
    </section>
  );
}
