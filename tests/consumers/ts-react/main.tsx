// Renders the components in the browser (as a client component does after
// mount), for consumers.test.mjs to drive against mocked routes.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'twofa/widget';
import { Challenge, Enroll } from './TwoFactor.js';

function App() {
  const [status, setStatus] = useState('waiting');
  return (
    <>
      <Enroll onDone={(detail) => setStatus(`enrolled with ${detail.backupCodes} backup codes`)} />
      <Challenge onVerified={(body) => setStatus(`verified ${String(body.user)}`)} />
      <output id="status">{status}</output>
    </>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
