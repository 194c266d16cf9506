import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { failureOf } from '../../api/client'
import { imageSrc } from '../../mall/mall-copy'
import { chooseAndUploadImage, uploadImageFile } from './image-upload'

export interface ImagePickerProps {
  images: string[]
  onChange: (images: string[]) => void
  max?: number
}

/**
 * An item's pictures: the uploaded ones (the first is the cover) and a tile to add one. On H5 the tile is a file
 * input; in the mini-program it opens WeChat's photo picker. Both upload through image-upload.ts.
 */
export function ImagePicker({ images, onChange, max = 9 }: ImagePickerProps) {
  const [uploading, setUploading] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)

  const upload = async (send: () => Promise<{ url: string } | null>) => {
    setUploading(true)
    setProblem(null)
    try {
      const uploaded = await send()
      if (uploaded) onChange([...images, uploaded.url])
    } catch (error) {
      setProblem(failureOf(error).message)
    } finally {
      setUploading(false)
    }
  }
  const remove = (index: number) => onChange(images.filter((_, i) => i !== index))
  const makeCover = (index: number) => onChange([images[index], ...images.filter((_, i) => i !== index)])

  return (
    <View className='image-picker'>
      <View className='image-picker__grid'>
        {images.map((src, index) => (
          <View key={src} className='image-picker__tile' data-testid='item-image'>
            <Image className='image-picker__image' src={imageSrc(src, API_BASE)} mode='aspectFill' />
            {index === 0 ? (
              <Text className='image-picker__cover'>封面</Text>
            ) : (
              <Text className='image-picker__cover image-picker__cover--action' onClick={() => makeCover(index)}>
                设为封面
              </Text>
            )}
            <Text className='image-picker__remove' onClick={() => remove(index)}>
              ×
            </Text>
          </View>
        ))}
        {images.length < max && (
          <AddTile
            uploading={uploading}
            onFile={(file) => void upload(() => uploadImageFile(file))}
            onPick={() => void upload(chooseAndUploadImage)}
          />
        )}
      </View>
      {problem ? <Text className='console-field__error'>{problem}</Text> : null}
    </View>
  )
}

function AddTile(props: { uploading: boolean; onFile: (file: File) => void; onPick: () => void }) {
  const face = (
    <>
      <Text className='image-picker__plus'>{props.uploading ? '…' : '+'}</Text>
      <Text className='image-picker__add-text'>{props.uploading ? '上传中' : '上传图片'}</Text>
    </>
  )
  if (process.env.TARO_ENV !== 'h5') {
    return (
      <View className='image-picker__tile image-picker__add' onClick={() => !props.uploading && props.onPick()}>
        {face}
      </View>
    )
  }
  // A real file input under a label: a tap opens the browser's picker, and tests can hand it a file.
  return (
    <label className='image-picker__tile image-picker__add'>
      {face}
      <input
        className='image-picker__input'
        type='file'
        accept='image/jpeg,image/png,image/webp'
        data-testid='item-image-input'
        disabled={props.uploading}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0]
          event.currentTarget.value = ''
          if (file) props.onFile(file)
        }}
      />
    </label>
  )
}
