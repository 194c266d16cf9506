import { describe, expect, it } from 'vitest'
import { canonicalizedQuery, percentEncode, rpcSignature, stringToSign } from './aliyun-sms-signature'

/**
 * The worked example of Alibaba Cloud's SMS signature document ("HTTP协议及签名", document 56189, reproduced in
 * its developer Q&A "短信服务的请求签名有哪些"): AccessKeyId testId, AccessKeySecret testSecret, a GET SendSms.
 */
const smsDocumentExample = {
  AccessKeyId: 'testId',
  Action: 'SendSms',
  Format: 'XML',
  OutId: '123',
  PhoneNumbers: '15300000001',
  RegionId: 'cn-hangzhou',
  SignName: '阿里云短信测试专用',
  SignatureMethod: 'HMAC-SHA1',
  SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
  SignatureVersion: '1.0',
  TemplateCode: 'SMS_71390007',
  TemplateParam: '{"customer":"test"}',
  Timestamp: '2017-07-12T02:42:19Z',
  Version: '2017-05-25',
}

describe('Alibaba Cloud RPC signature (HMAC-SHA1, SignatureVersion 1.0)', () => {
  it("reproduces the SMS document's worked example: canonical query, StringToSign and signature", () => {
    expect(canonicalizedQuery(smsDocumentExample)).toBe(
      'AccessKeyId=testId&Action=SendSms&Format=XML&OutId=123&PhoneNumbers=15300000001&RegionId=cn-hangzhou' +
        '&SignName=%E9%98%BF%E9%87%8C%E4%BA%91%E7%9F%AD%E4%BF%A1%E6%B5%8B%E8%AF%95%E4%B8%93%E7%94%A8' +
        '&SignatureMethod=HMAC-SHA1&SignatureNonce=45e25e9b-0a6f-4070-8c85-2956eda1b466&SignatureVersion=1.0' +
        '&TemplateCode=SMS_71390007&TemplateParam=%7B%22customer%22%3A%22test%22%7D' +
        '&Timestamp=2017-07-12T02%3A42%3A19Z&Version=2017-05-25',
    )
    expect(stringToSign('GET', smsDocumentExample)).toBe(
      'GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms%26Format%3DXML%26OutId%3D123%26PhoneNumbers%3D15300000001' +
        '%26RegionId%3Dcn-hangzhou%26SignName%3D%25E9%2598%25BF%25E9%2587%258C%25E4%25BA%2591%25E7%259F%25AD' +
        '%25E4%25BF%25A1%25E6%25B5%258B%25E8%25AF%2595%25E4%25B8%2593%25E7%2594%25A8%26SignatureMethod%3DHMAC-SHA1' +
        '%26SignatureNonce%3D45e25e9b-0a6f-4070-8c85-2956eda1b466%26SignatureVersion%3D1.0%26TemplateCode' +
        '%3DSMS_71390007%26TemplateParam%3D%257B%2522customer%2522%253A%2522test%2522%257D%26Timestamp' +
        '%3D2017-07-12T02%253A42%253A19Z%26Version%3D2017-05-25',
    )
    expect(rpcSignature('GET', smsDocumentExample, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=')
  })

  it("reproduces the RPC signature document's DescribeRegions example too", () => {
    const params = {
      AccessKeyId: 'testid',
      Action: 'DescribeRegions',
      Format: 'XML',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      SignatureVersion: '1.0',
      Timestamp: '2016-02-23T12:46:24Z',
      Version: '2014-05-26',
    }
    expect(rpcSignature('GET', params, 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=')
  })

  it('leaves a Signature parameter out of what it signs, and signs the method', () => {
    const signed = { ...smsDocumentExample, Signature: 'zJDF+Lrzhj/ThnlvIToysFRq6t4=' }
    expect(rpcSignature('GET', signed, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=')
    expect(rpcSignature('POST', smsDocumentExample, 'testSecret')).not.toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=')
  })

  it.each([
    ['a b', 'a%20b'],
    ['*', '%2A'],
    ["!'()", '%21%27%28%29'],
    ['~-_.', '~-_.'],
    ['/=&+', '%2F%3D%26%2B'],
    ['积分', '%E7%A7%AF%E5%88%86'],
  ])('percent-encodes %j as %s', (raw, encoded) => {
    expect(percentEncode(raw)).toBe(encoded)
  })
})
