import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
// The stylesheets by area, in this order: later ones (the focus ring) override earlier ones.
import './styles/base.css';
import './styles/visits.css';
import './styles/qa-audit.css';
import './styles/reporting.css';
import './styles/admin.css';
import './styles/referrals-booking.css';
import './styles/fields-and-header.css';
import './styles/booking-documents.css';
import './styles/focus.css';
import './styles/register-referral.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
