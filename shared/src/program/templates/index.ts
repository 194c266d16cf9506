import type { ProgramRules } from '../program-rules'
import { apparelTemplate } from './apparel'
import { beautyTemplate } from './beauty'
import { electronicsTemplate } from './electronics'
import { fmcgTemplate } from './fmcg'
import { freshTemplate } from './fresh'

/**
 * The industry templates a merchant starts from; every value stays editable in a draft. `reasoning` tells the
 * merchant, in the console's template picker, why the numbers are what they are.
 */
export const programTemplates = {
  fmcg: {
    name: '快消品',
    reasoning:
      '快消品客单价低（50–150 元）、复购频繁。每消费 1 元得 1 成长值：一年四到六单升白银，每周都买升黄金，顶级会员保持少数。' +
      '每日签到给少量奖励养成习惯，并设上限，不会超过购物所得。订单支付即计成长值（退货少，退款会冲回）；积分是可花的价值，等订单完成才发放。',
    rules: fmcgTemplate,
  },
  apparel: {
    name: '服饰',
    reasoning:
      '服饰客单价约 300 元，一年随季节买四到六次，尺码退货率 20–30%。成长值和积分都等订单完成才计入，大量退货的订单不会让人升级。' +
      '每 1 元 1 成长值分四级：一季衣橱升银卡，一年忠实顾客升金卡，黑金留给少数顶级会员。签到价值很低（没人天天买衣服），价值集中在换季礼包、新品优先购和包邮包退。',
    rules: apparelTemplate,
  },
  electronics: {
    name: '3C 数码',
    reasoning:
      '3C 数码客单价高（1,500–8,000 元），一年买一两次，换机周期约两年。一年的统计窗口会让几乎所有人每年降级，所以成长值统计 730 天、等级有效 730 天。' +
      '门槛分别对应一部手机（银卡）、两三台设备（金卡）和全家都在这里买（钻石）。因 7 天无理由退货，成长值和积分都等订单完成。行业看重的权益：延保、以旧换新、技术顾问、新品首发。',
    rules: electronicsTemplate,
  },
  beauty: {
    name: '美妆',
    reasoning:
      '美妆客单价约 250 元，用完即买，一到两个月复购一次，一年统计窗口正合适。生日是美妆最重要的忠诚时刻：生日月三倍积分，高等级送正装礼。' +
      '成长值支付即计（已开封化妆品很少退货），积分等订单完成。小样和新品试用成本低又很受欢迎。',
    rules: beautyTemplate,
  },
  fresh: {
    name: '生鲜',
    reasoning:
      '生鲜客单价约 60 元，每周甚至更频繁地购买，习惯变化快，所以成长值统计 180 天、等级有效 180 天，会员一季之内就能感到等级变化。' +
      '每日签到是真实习惯，给予奖励；顾客最在意配送费，免配送券是核心权益。成长值和积分支付即计：生鲜破损退款金额小，按比例冲回。积分获得 180 天后过期，与统计窗口一致。',
    rules: freshTemplate,
  },
} as const satisfies Record<string, { name: string; reasoning: string; rules: ProgramRules }>

export type ProgramTemplateKey = keyof typeof programTemplates
export const programTemplateKeys = Object.keys(programTemplates) as ProgramTemplateKey[]
