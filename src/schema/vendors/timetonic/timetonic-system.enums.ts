import { registerEnumType } from 'type-graphql';

/**
 * Book parameters `updateBookParam` changes, by the name TimeTonic gives them in `getAllBooks`
 * (the doc lists no names; these are the ones a book answer shows and a user may change).
 */
export enum TimetonicBookParam {
  TITLE = 'title',
  FAVORITE = 'favorite',
  ARCHIVED = 'archived',
}
registerEnumType(TimetonicBookParam, {
  name: 'TimetonicBookParam',
  description: 'A book parameter `timetonicUpdateBookParam` changes.',
  valuesConfig: {
    TITLE: { description: "The book's title (`ownerPrefs.title`); its owner only." },
    FAVORITE: { description: "Favorite mark of the credential's user: `true` or `false`." },
    ARCHIVED: { description: 'Archived: `true` or `false`; its owner only.' },
  },
});

/** User info parameters `updateUserInfo` changes, by their `getUserInfo` `userPrefs` names. */
export enum TimetonicUserInfoParam {
  FIRST_NAME = 'fname',
  LAST_NAME = 'lname',
  LANGUAGE = 'lang',
}
registerEnumType(TimetonicUserInfoParam, {
  name: 'TimetonicUserInfoParam',
  description: 'A user info parameter `timetonicUpdateUserInfo` changes (`userPrefs` in `getUserInfo`).',
  valuesConfig: {
    FIRST_NAME: { description: 'First name (`fname`).' },
    LAST_NAME: { description: 'Last name (`lname`).' },
    LANGUAGE: { description: 'Interface language (`lang`), two letters, e.g. `EN`.' },
  },
});
