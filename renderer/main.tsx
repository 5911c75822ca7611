// The renderer's entry: styles, the store's link to main, and the window.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startStatusSync } from './store';
import { MainWindow } from './views/main-window';
import './styles/index.css';

startStatusSync();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MainWindow />
  </StrictMode>,
);
