import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { ApprovalApp } from '../../components/approval/ApprovalApp.js'
import { applyTheme, storedTheme } from '../../components/theme.js'
import { DevKeysBanner } from '../../components/ui/DevKeysBanner.js'
import '../popup/style.css'

// The theme the popup last applied from the settings.
applyTheme(storedTheme())

// The approval window the background opens for one site request
// (approval.html?request=<id>); closing it rejects the request.
const root = document.getElementById('root')
if (!root) throw new Error('The approval page has no #root element.')
const requestId = new URLSearchParams(window.location.search).get('request') ?? ''
createRoot(root).render(
  <StrictMode>
    <DevKeysBanner />
    <ApprovalApp requestId={requestId} />
  </StrictMode>,
)
