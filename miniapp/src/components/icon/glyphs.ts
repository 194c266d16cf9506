/**
 * The app's icon vocabulary: NutUI's maintained icon set (@nutui/icons-react-taro), each icon re-exported under the
 * name of what it stands for here. Draw one with `<Icon glyph={…} />` from `./index`.
 *
 * Icons are imported one by one rather than kept in a name → icon table: each NutUI icon carries its SVG (about
 * 2 KB), and a table would put every icon in the weapp main package as soon as the home page draws one.
 */
export {
  Received as SignInGlyph,
  List as TasksGlyph,
  QrCode as MemberCodeGlyph,
  Gift as GiftGlyph,
  Coupon as CouponGlyph,
  Cart as MallGlyph,
  Message as InboxGlyph,
  User as ProfileGlyph,
  ShieldCheck as RetainGlyph,
  Clock as ClockGlyph,
  Prices as DiscountGlyph,
  Transit as ShippingGlyph,
  Service as ServiceGlyph,
  Star as StarGlyph,
  Order as OrderGlyph,
  Notice as NoticeGlyph,
  Mail as MailGlyph,
  Tips as TipsGlyph,
  Home as HomeGlyph,
  Store as StoreGlyph,
  Setting as SettingGlyph,
  Articles as ArticlesGlyph,
  Wallet as WalletGlyph,
  Success as SuccessGlyph,
  NetworkError as NetworkErrorGlyph,
} from '@nutui/icons-react-taro'
