/** The tutor page (dist/tutor.html): a separate build entry, so its spreadsheet reader never reaches the learner's course. */
import { mount } from 'svelte';
import App from './App.svelte';
import '$lib/components/app.css';
import './tutor.css';

mount(App, { target: document.getElementById('app')! });
