import { render } from 'preact';
import { App } from './app.tsx';
import './styles.css';

// Cytoscape injects an inline <style> unless this id exists; the CSP forbids inline styles,
// so the same rule lives in styles.css and this marker tells Cytoscape not to inject it.
const marker = document.createElement('meta');
marker.id = '__________cytoscape_stylesheet';
document.head.appendChild(marker);

const root = document.getElementById('app');
if (root) render(<App />, root);
