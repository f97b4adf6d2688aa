import { Space, Tag, Typography } from 'antd';
import { daysLeft, daysOverdue } from './labels';

/** What the two deadlines are worked out from; both list and detail queries carry it. */
export interface Staged {
  readonly status: string;
  readonly endorser?: string | null;
  readonly endorsementDeadline?: string | null;
  readonly decisionDeadline?: string | null;
  readonly overdue: boolean;
}

type Stage = 'ENDORSEMENT' | 'DECISION' | null;

/** The stage whose clock runs now (as the pool's stageDeadline): the endorser's, then the provider's. */
export function runningStage(application: Staged): Stage {
  if (application.status === 'ENDORSED' || (application.status === 'SUBMITTED' && !application.endorser)) return 'DECISION';
  if (application.status === 'SUBMITTED') return 'ENDORSEMENT';
  return null;
}

/** A running deadline: days left (orange from 3), or overdue in red. */
export function Countdown({ deadline, overdue }: { deadline: string; overdue: boolean }) {
  const day = deadline.slice(0, 10);
  if (overdue) return <Tag color="red">已逾期 {daysOverdue(deadline)} 天（{day}）</Tag>;
  const left = daysLeft(deadline);
  return <Tag color={left <= 3 ? 'orange' : 'default'}>剩余 {left} 天（{day}）</Tag>;
}

function StageDeadline({ deadline, running, overdue, notYet }: { deadline: string | null | undefined; running: boolean; overdue: boolean; notYet: string }) {
  if (!deadline) return <Typography.Text type="secondary">{notYet}</Typography.Text>;
  if (running) return <Countdown deadline={deadline} overdue={overdue} />;
  return <Typography.Text type="secondary">{deadline.slice(0, 10)}</Typography.Text>;
}

/** The endorser's deadline, from the last (re)submission. */
export function EndorsementDeadline({ application }: { application: Staged }) {
  return (
    <StageDeadline deadline={application.endorsementDeadline} running={runningStage(application) === 'ENDORSEMENT'} overdue={application.overdue}
      notYet={application.endorser ? '—' : '无需审核'} />
  );
}

/** The provider's statutory deadline, from when the application reached the provider. */
export function DecisionDeadline({ application }: { application: Staged }) {
  const waiting = application.status === 'SUBMITTED' || application.status === 'DECLINED';
  return (
    <StageDeadline deadline={application.decisionDeadline} running={runningStage(application) === 'DECISION'} overdue={application.overdue}
      notYet={waiting ? '审核上报后起算' : '—'} />
  );
}

/** Both deadlines in a table cell; the one whose clock runs counts down. */
export function StageDeadlines({ application }: { application: Staged }) {
  return (
    <Space direction="vertical" size={0}>
      <span>审核：<EndorsementDeadline application={application} /></span>
      <span>答复：<DecisionDeadline application={application} /></span>
    </Space>
  );
}
