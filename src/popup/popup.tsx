/**
 * The popup: global and per-site switches, category toggles with this page's counts,
 * "In this story", and the dataset's status. Settings are written to storage; content scripts
 * pick changes up from storage.onChanged, so toggles need no message (docs/design.md §5). Messages
 * carry commands only: the page's mentions, "reveal this entity", "check for updates".
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { CategoryId } from '../dataset/categories';
import { askBackground } from '../shared/background-client';
import { StatusResponse, UpdateState, type Result } from '../shared/messages';
import { enabledCategories, isSiteEnabled, type Settings } from '../shared/settings';
import { activeDatasetItem, onSettingsChanged, readSettings, updateSettings } from '../shared/storage';
import { t } from '../shared/i18n';
import { CategoryToggles } from './category-toggles';
import { DatasetStatus } from './dataset-status';
import { readEntityRoles } from './entity-roles';
import { InThisStory } from './in-this-story';
import { askPageMentions, revealEntity, startNavigation, type PageReport } from './page-report';
import { SiteSwitches } from './site-switches';
import { localIsoDate } from '../shared/local-date';
import { findTargetTab, isToolbarPopup, type TargetTab } from './target-tab';

/** Content scripts re-scan after a settings change; ask for the counts again after this long. */
const RECOUNT_DELAY_MS = 400;

function today(): string {
  return localIsoDate();
}

interface Props {
  /** `location.search`: `?tab=<id>` picks the target tab (see target-tab.ts). */
  search: string;
}

export function Popup({ search }: Props) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [status, setStatus] = useState<StatusResponse | null>(null);
  const [tab, setTab] = useState<TargetTab | null | undefined>(undefined);
  const [report, setReport] = useState<PageReport | null>(null);
  const [roles, setRoles] = useState<ReadonlyMap<string, string>>(new Map());
  const [checking, setChecking] = useState(false);
  const [checkResult, setCheckResult] = useState<Result<UpdateState> | null>(null);
  const [revealFailed, setRevealFailed] = useState(false);

  const loadStatus = useCallback(async () => {
    const reply = await askBackground({ type: 'getStatus' }, StatusResponse);
    setStatus(reply.ok ? reply.value : null);
  }, []);

  const loadReport = useCallback(async (target: TargetTab | null) => {
    if (!target || !target.scriptable) {
      setReport({ kind: 'unavailable' });
      return;
    }
    setReport(await askPageMentions(target.id));
  }, []);

  useEffect(() => {
    void readSettings().then(setSettings);
    void loadStatus();
    void findTargetTab(search).then((target) => {
      setTab(target);
      void loadReport(target);
    });
  }, [search, loadStatus, loadReport]);

  // Settings changed anywhere (this popup, another window, sync): show them, and recount.
  useEffect(() => {
    let recount: ReturnType<typeof setTimeout> | undefined;
    const stopSettings = onSettingsChanged(() => {
      void readSettings().then(setSettings);
      clearTimeout(recount);
      if (tab) recount = setTimeout(() => void loadReport(tab), RECOUNT_DELAY_MS);
    });
    const stopDataset = activeDatasetItem.watch(() => void loadStatus());
    return () => {
      clearTimeout(recount);
      stopSettings();
      stopDataset();
    };
  }, [tab, loadReport, loadStatus]);

  // Roles for the listed entities, from the stored cards of the active dataset.
  const dataset = status?.dataset ?? null;
  const entityIds = report?.kind === 'mentions' ? report.mentions.entities.map((e) => e.id).join('\n') : '';
  useEffect(() => {
    if (!dataset || entityIds === '') return;
    void readEntityRoles(dataset.version, entityIds.split('\n'), today())
      .then(setRoles)
      .catch(() => setRoles(new Map()));
  }, [dataset?.version, entityIds]);

  const [saveError, setSaveError] = useState<string | null>(null);
  const change = (edit: (s: Settings) => Settings): void => {
    void updateSettings(edit).then(
      (next) => {
        setSettings(next);
        setSaveError(null);
      },
      (error: unknown) => {
        console.error('Backstory: could not save settings', error);
        setSaveError(error instanceof Error ? error.message : String(error));
        // The switches show what is stored, not what was clicked.
        void readSettings()
          .then((stored) => setSettings({ ...stored }))
          .catch(() => undefined);
      },
    );
  };
  const onCategory = (id: CategoryId, on: boolean): void => change((s) => ({ ...s, categories: { ...s.categories, [id]: on } }));
  const onGlobal = (on: boolean): void => change((s) => ({ ...s, enabled: on }));
  // Where the page is: as its content script reports it (the popup has no permission to read
  // the tab's URL), or from `?host=` in the end-to-end tests (target-tab.ts).
  const host = (report?.kind === 'mentions' ? report.mentions.host : undefined) ?? tab?.host ?? null;
  const onSite = (off: boolean): void => {
    if (!host) return;
    change((s) => ({
      ...s,
      disabledSites: off ? [...s.disabledSites.filter((h) => h !== host), host] : s.disabledSites.filter((h) => h !== host),
    }));
  };

  const onReveal = (entityId: string): void => {
    if (!tab) return;
    void revealEntity(tab.id, entityId).then((ok) => {
      setRevealFailed(!ok);
      // The toolbar popup covers the page; close it so the reader sees the card.
      if (ok && isToolbarPopup(search)) window.close();
    });
  };
  const onNavigate = (): void => {
    if (!tab) return;
    void startNavigation(tab.id).then((ok) => {
      if (ok && isToolbarPopup(search)) window.close();
    });
  };
  const onCheck = (): void => {
    setChecking(true);
    setCheckResult(null);
    void askBackground({ type: 'checkForUpdates' }, UpdateState)
      .then((result) => {
        setCheckResult(result);
        return loadStatus();
      })
      .finally(() => setChecking(false));
  };
  const onOptions = (): void => {
    void browser.runtime.openOptionsPage();
  };

  const siteOn = settings && host ? isSiteEnabled(settings, host) : (settings?.enabled ?? true);
  const mentions = report?.kind === 'mentions' && siteOn ? report.mentions : null;

  return (
    <main>
      <header>
        <h1>{t('extName')}</h1>
        <button type="button" class="link" onClick={onOptions}>
          {t('popup_open_options')}
        </button>
      </header>
      <div role="alert">{saveError !== null && <p class="error">{t('settings_save_failed', saveError)}</p>}</div>
      {settings && (
        <>
          <SiteSwitches settings={settings} host={tab?.scriptable ? host : null} onGlobal={onGlobal} onSite={onSite} />
          <CategoryToggles categories={settings.categories} counts={mentions?.counts ?? null} onChange={onCategory} />
        </>
      )}
      <section class="story-section" aria-labelledby="story-heading">
        <h2 id="story-heading">{t('popup_story_heading')}</h2>
        <StoryBody
          settings={settings}
          tab={tab}
          host={host}
          report={report}
          siteOn={siteOn}
          roles={roles}
          onReveal={onReveal}
          onNavigate={onNavigate}
        />
        {revealFailed && (
          <p class="muted" role="status">
            {t('popup_reveal_failed')}
          </p>
        )}
      </section>
      <DatasetStatus status={status} checking={checking} checkResult={checkResult} onCheck={onCheck} />
    </main>
  );
}

interface StoryBodyProps {
  settings: Settings | null;
  tab: TargetTab | null | undefined;
  host: string | null;
  report: PageReport | null;
  siteOn: boolean;
  roles: ReadonlyMap<string, string>;
  onReveal: (entityId: string) => void;
  onNavigate: () => void;
}

/** The list, or the one sentence that says why there is none (empty states). */
function StoryBody({ settings, tab, host, report, siteOn, roles, onReveal, onNavigate }: StoryBodyProps) {
  if (!settings || tab === undefined || report === null) return <p class="muted">{t('popup_story_loading')}</p>;
  if (tab === null || !tab.scriptable || report.kind === 'unavailable') {
    return (
      <p class="empty" data-empty="cannot-run">
        {t('popup_cannot_run')}
      </p>
    );
  }
  if (!settings.enabled)
    return (
      <p class="empty" data-empty="off">
        {t('popup_off_global')}
      </p>
    );
  if (!siteOn && host)
    return (
      <p class="empty" data-empty="site-off">
        {t('popup_off_site', host)}
      </p>
    );
  const enabled = enabledCategories(settings);
  return (
    <>
      <InThisStory entities={report.mentions.entities} enabled={enabled} roles={roles} onReveal={onReveal} />
      {report.mentions.entities.some((e) => enabled.some((c) => c === e.category)) && (
        <button type="button" class="secondary" onClick={onNavigate}>
          {t('popup_navigate')}
        </button>
      )}
    </>
  );
}
