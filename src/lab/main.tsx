import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startChartClock } from './charts/chart-clock';
import { parseParams } from './config/url-params';
import { autoplayNextReady, boot } from './store/actions';
import './styles.css';

const { config, flags, errors } = parseParams(new URLSearchParams(window.location.search));
startChartClock();
if (flags.autoplay) autoplayNextReady();
boot(config);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App urlErrors={errors} flags={flags} />
  </StrictMode>,
);
