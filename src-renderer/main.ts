import { mount } from 'svelte';
import App from './App.svelte';
import { initBridge } from './lib/api.ts';
import './app.css';

initBridge();
mount(App, { target: document.getElementById('app')! });
